using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>The error line of a <c>vigil hunt</c> whose alerts could not be written.</summary>
internal static partial class HuntOutputFailure
{
    /// <summary>
    /// Builds the line for a write to <paramref name="output"/> (null or <c>-</c> for standard
    /// output) that failed with <paramref name="message"/>. When <paramref name="huntFinished"/> is
    /// true the hunt ran to its end and only the alert table after it failed, so the line reports
    /// that instead of a stopped hunt.
    /// </summary>
    public static string Message(string? output, string message, bool huntFinished)
    {
        var toStandardOutput = output is null or "-";
        var target = toStandardOutput ? "standard output" : $"--output {output}";
        var reason = Reason(message, toStandardOutput ? null : output);
        var outcome = huntFinished
            ? "The hunt finished, but its alert table was not written in full."
            : "The hunt stopped.";
        var fix = toStandardOutput && StandardDescriptors.OutputClosed
            ? "Redirect standard output to a file, or give --output FILE"
            : "Free space or choose another output";
        return $"vigil hunt: cannot write the alerts to {target}: {reason}. {outcome} {fix}, and run it again.";
    }

    /// <summary>
    /// Returns the reason of an <see cref="IOException"/> message in plain words. .NET 10 writes a
    /// failed system call as <c>No space left on device : '/dev/full'.</c>, which becomes
    /// <c>No space left on device: /dev/full</c>, or only the reason when the path is
    /// <paramref name="output"/>, which the line names already.
    /// </summary>
    public static string Reason(string message, string? output)
    {
        var match = SystemCallMessage().Match(message);
        if (!match.Success)
        {
            return message.TrimEnd('.');
        }

        var reason = match.Groups["reason"].Value;
        var path = match.Groups["path"].Value;
        return path == output ? reason : $"{reason}: {path}";
    }

    [GeneratedRegex(@"^(?<reason>.+?) : '(?<path>.*)'\.?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SystemCallMessage();
}
