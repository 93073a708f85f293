using System.Buffers;
using System.Text.Unicode;

namespace Vigil.Detect.Rules;

/// <summary>The first byte of a text that is not valid UTF-8: its value, its 0-based byte offset, and its 1-based line and column.</summary>
/// <remarks>The column counts UTF-16 characters, as the rule loader's other positions do.</remarks>
internal sealed record InvalidUtf8Position(byte Value, long ByteOffset, int Line, int Column)
{
    private const int BlockSize = 64 * 1024;

    /// <summary>U+FEFF, which takes no column at the start of a file.</summary>
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>The byte and its offset, as error messages name them.</summary>
    public string Description => $"byte 0x{Value:X2} at byte offset {ByteOffset} is not part of a UTF-8 character";

    /// <summary>Returns the first invalid byte of <paramref name="stream"/>, or null when all of it is valid UTF-8.</summary>
    public static InvalidUtf8Position? Find(Stream stream)
    {
        // A UTF-8 character has at most 4 bytes, so at most 3 of a cut one carry into the next block.
        var bytes = new byte[BlockSize + 3];
        var chars = new char[bytes.Length];
        var carried = 0;
        long offset = 0;
        var line = 1;
        var column = 1;
        while (true)
        {
            var read = stream.ReadAtLeast(bytes.AsSpan(carried, BlockSize), BlockSize, throwOnEndOfStream: false);
            var length = carried + read;
            var isFinalBlock = read < BlockSize;
            var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false, isFinalBlock);
            foreach (var character in chars.AsSpan(0, charsWritten))
            {
                if (character == '\n')
                {
                    line++;
                    column = 1;
                }
                else if (character != ByteOrderMark || offset > 0 || line > 1 || column > 1)
                {
                    column++;
                }
            }

            if (status == OperationStatus.InvalidData)
            {
                return new InvalidUtf8Position(bytes[bytesRead], offset + bytesRead, line, column);
            }

            if (isFinalBlock)
            {
                return null;
            }

            carried = length - bytesRead;
            bytes.AsSpan(bytesRead, carried).CopyTo(bytes);
            offset += bytesRead;
        }
    }
}
