using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Reads the JSON file of a <c>vigil kql</c> option (<c>--doc</c>, <c>--mapping</c>), or stdin for <c>-</c>.</summary>
internal static class KqlJsonFile
{
    public const string StandardInput = "-";

    /// <summary>
    /// The largest file read: Elasticsearch's default request size limit
    /// (<c>http.max_content_length</c>, <c>100mb</c>, which it counts in MiB), so a device such as <c>/dev/zero</c> or a huge
    /// file ends in an error instead of exhausting memory.
    /// </summary>
    public const int MaxBytes = 100 * 1024 * 1024;

    // Elasticsearch rejects a document with a repeated key, and a repeated mapping key is ambiguous.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Parses the file at <paramref name="path"/>, which contains a <paramref name="content"/> such as
    /// "document" or "mapping". On failure, <paramref name="error"/> is the reason, without the path.
    /// </summary>
    public static bool TryRead(string path, string content, out JsonNode? json, out string? error)
    {
        json = null;
        error = Directory.Exists(path) ? "is a directory; give the path of a JSON file"
            : path != StandardInput && !File.Exists(path) ? MissingReason(path)
            : null;
        if (error is not null)
        {
            return false;
        }

        byte[]? bytes;
        try
        {
            using var input = path == StandardInput ? OpenStandardInput() : File.OpenRead(path);
            bytes = ReadAtMost(input, MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"could not be read: {e.Message}";
            return false;
        }

        if (bytes is null)
        {
            error = $"is larger than {MaxBytes / (1024 * 1024)} MiB, Elasticsearch's default request size limit; give a smaller {content}";
            return false;
        }

        if (!Utf8.IsValid(bytes))
        {
            error = InvalidUtf8(bytes);
            return false;
        }

        return TryParse(WithoutByteOrderMark(bytes), out json, out error);
    }

    /// <summary>
    /// Returns the bytes after a leading UTF-8 byte order mark, which some Windows editors write.
    /// Parsing a span rejects the mark as an invalid character, but System.Text.Json's stream
    /// overloads skip it, as the rule loader does.
    /// </summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] bytes)
    {
        var text = bytes.AsSpan();
        var byteOrderMark = Encoding.UTF8.Preamble;
        return text.StartsWith(byteOrderMark) ? text[byteOrderMark.Length..] : text;
    }

    private static bool TryParse(ReadOnlySpan<byte> bytes, out JsonNode? json, out string? error)
    {
        try
        {
            json = JsonNode.Parse(bytes, documentOptions: Strict);
            error = json is null ? "the file contains JSON null; give a JSON object" : null;
            return json is not null;
        }
        catch (JsonException e)
        {
            json = null;
            error = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {e.BytePositionInLine + 1}: {JsonErrors.Describe(e)}")
                : JsonErrors.Describe(e);
            return false;
        }
    }

    /// <summary>Explains a path that is not a file: missing, or behind a folder that cannot be entered.</summary>
    private static string MissingReason(string path) => PathAccess.Denied(path) is { } denied
        ? $"could not be read: {denied}"
        : "file not found; give the path of an existing JSON file";

    /// <summary>Opens standard input, or throws when it was closed at start and its number now belongs to a file of the runtime's.</summary>
    public static Stream OpenStandardInput() =>
        StandardDescriptors.InputClosed ? throw StandardDescriptors.InputClosedError() : Console.OpenStandardInput();

    /// <summary>Returns the stream's bytes, or <c>null</c> when it has more than <paramref name="limit"/>.</summary>
    internal static byte[]? ReadAtMost(Stream input, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (input.Read(chunk) is var read and > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string InvalidUtf8(byte[] bytes)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes.AsSpan(offset), out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"invalid UTF-8 at byte offset {offset} (0x{bytes[offset]:X2}); Elasticsearch rejects such a document, so re-encode the file as UTF-8");
    }
}
