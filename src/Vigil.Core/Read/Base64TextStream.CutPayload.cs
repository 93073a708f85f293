namespace Vigil.Read;

/// <summary>
/// The check that distinguishes a wrapped payload cut at a line break from the next payload wrapped
/// at the same width, whose first line the width rule alone takes as the cut payload's next line.
/// </summary>
/// <remarks>
/// Such a line starts the next payload when two trials agree. First, the text from that line on
/// inflates as a gzip member whose output starts like JSON. Second, the current payload's gzip
/// data ends cleanly before that line, or its last member does not inflate validly through the
/// text after it. A healthy payload's member does inflate validly through its own lines, so a
/// wrapped line inside it that starts with 'H4sI' stays in it, even one that decodes to a whole
/// gzip member. The trials use the payload's decoded bytes, which are kept up to
/// <see cref="MaxKeptPayload"/>.
/// </remarks>
internal sealed partial class Base64TextStream
{
    // A Kinesis Data Streams record is at most 1 MiB, so its payload fits.
    // NOTE: past this size, or with lines wider than MaxKeptFirstLine, a payload is split by the
    // width rule alone, so a cut one still runs into the next payload of the same width.
    private const int MaxKeptPayload = 4 * 1024 * 1024;

    // Base64 tools wrap at 64 or 76 characters. A payload whose first line decodes to more than this
    // (64 KiB of text) is taken as one per line, and its bytes are not kept.
    private const int MaxKeptFirstLine = 48 * 1024;

    // Each check inflates the payload read so far. Limiting the checks per payload keeps a file of
    // crafted lines from making reading quadratic.
    private const int MaxCutChecksPerPayload = 8;

    private const int FirstKeptLength = 64 * 1024;

    private byte[] _payloadBytes = [];
    private int _payloadBytesLength;
    private bool _payloadBytesDropped;
    private int _cutChecks;

    /// <summary>Keeps bytes decoded from the current payload for <see cref="StartsPayloadAfterCut"/>.</summary>
    private void KeepDecoded(ReadOnlySpan<byte> decoded)
    {
        if (!splitsPayloadLines || _payloadBytesDropped || decoded.IsEmpty)
        {
            return;
        }

        var needed = _payloadBytesLength + decoded.Length;
        if (needed > MaxKeptPayload || (_payloadLinesEnded == 0 && needed > MaxKeptFirstLine))
        {
            _payloadBytesDropped = true;
            return;
        }

        if (needed > _payloadBytes.Length)
        {
            Array.Resize(ref _payloadBytes, Math.Min(MaxKeptPayload, Math.Max(needed, Math.Max(FirstKeptLength, 2 * _payloadBytes.Length))));
        }

        decoded.CopyTo(_payloadBytes.AsSpan(_payloadBytesLength));
        _payloadBytesLength = needed;
    }

    private void ClearPayloadBytes() => (_payloadBytesLength, _payloadBytesDropped, _cutChecks) = (0, false, 0);

    /// <summary>
    /// Whether the line at the current position, which starts like a gzip header and has the width
    /// of the wrapped payload, starts the next payload because the current one was cut short.
    /// <paramref name="decodedInCall"/> contains the payload's bytes decoded in the current read and not kept yet.
    /// </summary>
    private bool StartsPayloadAfterCut(ReadOnlySpan<byte> decodedInCall)
    {
        if (_payloadBytesDropped || _paddingCount > 0 || _cutChecks == MaxCutChecksPerPayload || _payloadBytesLength + decodedInCall.Length > MaxKeptPayload)
        {
            return false;
        }

        _cutChecks++;
        var end = PayloadTextEnd(out var nextHeaderLine);
        if (end < 0 || Base64Characters(_text.AsSpan(_textPosition, end)) is not { } text)
        {
            return false;
        }

        // The member that would start here is tried up to the next line that starts like a gzip
        // header, so that a payload after it, cut too, is not taken as part of it.
        var member = DecodeTrialText(Base64Characters(_text.AsSpan(_textPosition, nextHeaderLine))!);
        return member is not null && GzipTrial.StartsJsonMember(member) && GzipDataEndsBefore(decodedInCall, text);
    }

    /// <summary>
    /// Whether the current payload's gzip data ends cleanly before the current line, or its last
    /// member does not inflate validly through <paramref name="text"/>, the base64 characters
    /// from the current line to where the payload would end.
    /// </summary>
    private bool GzipDataEndsBefore(ReadOnlySpan<byte> decodedInCall, byte[] text)
    {
        // The characters of a group of four that the line break cut, as a width that is not a
        // multiple of four leaves them.
        var group = GroupCharacters();
        if (GzipTrial.Inflate(PayloadBytesThen(decodedInCall, group)) is not { } before)
        {
            return false;
        }

        if (before.Clean)
        {
            return true;
        }

        // The member that the line break cut runs on validly through the line when it finishes and
        // is followed by the end of the data or by another member. A trailer whose last bytes come
        // by chance from the next payload's text finishes it too, but what follows is no member.
        if (GzipTrial.Inflate(PayloadBytesThen(decodedInCall, [.. group, .. text])) is not { } through)
        {
            return false;
        }

        var spanningFinished = through.Finished > before.Finished;
        return !(spanningFinished && (through.Clean || through.Started > through.Finished));
    }

    /// <summary>Returns the payload's kept bytes, then <paramref name="decodedInCall"/>, then <paramref name="text"/> decoded.</summary>
    private byte[] PayloadBytesThen(ReadOnlySpan<byte> decodedInCall, ReadOnlySpan<byte> text) =>
        [.. _payloadBytes.AsSpan(0, _payloadBytesLength), .. decodedInCall, .. (DecodeTrialText(text) ?? [])];
}
