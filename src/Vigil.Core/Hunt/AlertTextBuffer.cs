namespace Vigil.Hunt;

/// <summary>
/// The alert text of one batch's events, appended by the worker that evaluates the batch and read
/// by the counting thread, then emptied with the batch for its next use.
/// </summary>
/// <remarks>
/// An alert of the built-in rule is about 8 KB, 16 % of the 52 KB an alerting record allocated when
/// each event's alerts had an array of their own. Kept per batch, the buffer is reused batch after
/// batch, and a reader finds a text by its offset, since the buffer moves when it grows.
/// </remarks>
internal sealed class AlertTextBuffer
{
    private const int InitialSize = 64 * 1024;

    // A batch of a few very large alerting records would otherwise keep its large buffer for the
    // rest of the hunt, once for every batch in flight.
    private const int MaxSizeKept = 4 * 1024 * 1024;

    private byte[] _bytes = [];
    private int _used;

    /// <summary>Appends <paramref name="text"/> and returns its offset.</summary>
    public int Append(ReadOnlySpan<byte> text)
    {
        if (_bytes.Length - _used < text.Length)
        {
            Array.Resize(ref _bytes, Math.Max(Math.Max(InitialSize, _bytes.Length * 2), _used + text.Length));
        }

        text.CopyTo(_bytes.AsSpan(_used));
        _used += text.Length;
        return _used - text.Length;
    }

    /// <summary>Returns the text appended at <paramref name="offset"/>, valid until the next <see cref="Append"/> or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Slice(int offset, int length) => _bytes.AsSpan(offset, length);

    /// <summary>Empties the buffer, keeping its memory unless it grew past <see cref="MaxSizeKept"/>.</summary>
    public void Clear()
    {
        _used = 0;
        if (_bytes.Length > MaxSizeKept)
        {
            _bytes = [];
        }
    }
}
