using System.Text;

namespace Vigil.Read;

internal sealed partial class RecordScanner
{
    // A hunt's last eventName and eventSource, unescaped, for RoutingTexts. Texts longer than the
    // interner keeps are decoded at once instead.
    private readonly byte[] _eventName = new byte[Utf8Interner.MaxLength];
    private readonly byte[] _eventSource = new byte[Utf8Interner.MaxLength];
    private int _eventNameLength;
    private int _eventSourceLength;

    /// <summary>
    /// Returns the text of the last scanned record's <c>eventName</c> and <c>eventSource</c>, for a
    /// hunt's router when their hashes are new to it. Values that are not strings pass unchanged.
    /// </summary>
    /// <remarks>
    /// A hunt's scan keeps these two strings as their quick hashes (<see cref="TopLevelValue.Hash"/>),
    /// because the router finds a known pair by hash alone. Turning each into a shared string cost
    /// about 4 % of a hunt's processor time, most of it in cache misses on the interner's table.
    /// </remarks>
    public (TopLevelValue EventName, TopLevelValue EventSource) RoutingTexts(TopLevelValue eventName, TopLevelValue eventSource) =>
        (WithText(eventName, _eventName, _eventNameLength), WithText(eventSource, _eventSource, _eventSourceLength));

    private TopLevelValue WithText(TopLevelValue value, byte[] utf8, int length) =>
        value.Kind == TopLevelValueKind.String && value.Text is null
            ? value with { Text = _names.GetString(utf8.AsSpan(0, length)) }
            : value;

    /// <summary>Returns a hunt's value of <c>eventName</c> or <c>eventSource</c>: its hash, and its bytes kept for <see cref="RoutingTexts"/>.</summary>
    private TopLevelValue RoutingValue(TopLevel.Field field, ReadOnlySpan<byte> text, ulong hash)
    {
        if (text.Length > Utf8Interner.MaxLength)
        {
            return new TopLevelValue(TopLevelValueKind.String, Encoding.UTF8.GetString(text), hash);
        }

        if (field == TopLevel.Field.EventName)
        {
            text.CopyTo(_eventName);
            _eventNameLength = text.Length;
        }
        else
        {
            text.CopyTo(_eventSource);
            _eventSourceLength = text.Length;
        }

        return new TopLevelValue(TopLevelValueKind.String, null, hash);
    }
}
