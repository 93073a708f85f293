using System.Text;

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
            : !System.IO.File.Exists(path) ? $"--query-file {path}: file not found; give the path of an existing file"
            : null;
        if (error is not null)
        {
            return null;
        }

        try
        {
            return path == KqlJsonFile.StandardInput ? Console.In.ReadToEnd() : System.IO.File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            error = $"--query-file {path} is not valid UTF-8; re-encode the file as UTF-8";
            return null;
        }
    }
}
