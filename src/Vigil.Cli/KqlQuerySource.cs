using System.Text;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Where <c>vigil kql</c> takes its query from: the argument, or the file of <c>--query-file</c>.</summary>
internal sealed record KqlQuerySource(string? Argument, string? File)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the query text, or null with <paramref name="error"/> describing what to fix.</summary>
    public string? Read(out string? error)
    {
        error = (Argument, File) switch
        {
            (null, null) => "give the query as an argument or with --query-file FILE",
            (not null, not null) => "give the query either as an argument or with --query-file, not both",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        if (Argument is not null)
        {
            return Argument;
        }

        return ReadFile(File!, out error);
    }

    private static string? ReadFile(string path, out string? error)
    {
        error = path == KqlJsonFile.StandardInput ? null
            : Directory.Exists(path) ? $"--query-file {path} is a directory; give the path of a file holding the query"
            : !System.IO.File.Exists(path) ? MissingReason(path)
            : null;
        if (error is not null)
        {
            return null;
        }

        byte[]? bytes;
        try
        {
            using var input = path == KqlJsonFile.StandardInput ? KqlJsonFile.OpenStandardInput() : System.IO.File.OpenRead(path);
            bytes = KqlJsonFile.ReadAtMost(input, KqlJsonFile.MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"--query-file {path} could not be read: {e.Message}";
            return null;
        }

        if (bytes is null)
        {
            error = $"--query-file {path} is larger than {KqlJsonFile.MaxBytes / (1024 * 1024)} MiB, Elasticsearch's default request size limit; give a shorter query";
            return null;
        }

        try
        {
            return StrictUtf8.GetString(WithoutByteOrderMark(bytes));
        }
        catch (DecoderFallbackException)
        {
            error = $"--query-file {path} is not valid UTF-8; re-encode the file as UTF-8";
            return null;
        }
    }

    /// <summary>Returns the bytes after a leading UTF-8 byte order mark, which File.ReadAllText also skipped.</summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] bytes)
    {
        var text = bytes.AsSpan();
        var byteOrderMark = Encoding.UTF8.Preamble;
        return text.StartsWith(byteOrderMark) ? text[byteOrderMark.Length..] : text;
    }

    /// <summary>Explains a path that is not a file: missing, or behind a folder that cannot be entered.</summary>
    private static string MissingReason(string path) => PathAccess.Denied(path) is { } denied
        ? $"--query-file {path} could not be read: {denied}"
        : $"--query-file {path}: file not found; give the path of an existing file";
}
