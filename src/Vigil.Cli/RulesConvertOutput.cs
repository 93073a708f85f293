using Vigil.Detect.Rules;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// The output of <c>vigil rules convert</c>: checked against the input rule files before anything
/// loads, and written so that a path that cannot be opened is a usage error (exit 2) and a write
/// that fails, such as on a full disk, is an output failure (exit 3), as for the other commands.
/// </summary>
internal static class RulesConvertOutput
{
    private const string Command = "vigil rules convert";

    /// <summary>
    /// Returns the usage error for an output that the rule paths already contain, or null: an
    /// <c>--output</c> file that is an input rule file, or a TOML folder where the search of an input
    /// folder finds rule files. A second conversion into an input folder would otherwise read the
    /// first one's output as rules. As in a hunt, an output that does not exist yet is no input.
    /// </summary>
    public static string? InputError(IReadOnlyList<string> paths, string to, string output)
    {
        if (to == "kibana-ndjson")
        {
            return OutputPathCheck.InputError(output, paths, RuleFiles.Find(paths, [], []));
        }

        if (!Directory.Exists(output))
        {
            return null;
        }

        var folder = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var found = RuleFiles.Find(paths.Where(Directory.Exists), [], []);
        var inside = found.FirstOrDefault(file => Path.GetFullPath(file).StartsWith(folder, StringComparison.Ordinal));
        return inside is null
            ? null
            : $"--output {output} is inside an input folder and holds the rule file {inside}, so the conversion would read the rules it wrote before. Choose an output folder outside the input folders.";
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> and returns null, or reports the
    /// failure and returns its exit code. <paramref name="output"/> is the <c>--output</c> value the
    /// usage error names.
    /// </summary>
    public static int? Write(string path, string text, string output)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return UsageError.Write("rules convert", $"failed to write --output {output}: {e.Message.TrimEnd('.')}. Choose a writable path.");
        }

        try
        {
            using (stream)
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            }

            return null;
        }
        catch (IOException e)
        {
            // A file stream's message names the file again after the reason: "... : '/dev/full'".
            var reason = e.Message.Split(" : '")[0].TrimEnd('.');
            Console.Error.WriteLine(TerminalText.Sanitize($"{Command}: cannot write {path}: {reason}. The output is incomplete; free space or choose another output, and run it again."));
            return ExitCodes.OutputFailed;
        }
    }
}
