using System.Globalization;
using Vigil.Hunt;

namespace Vigil.Cli;

/// <summary>Checks <c>vigil hunt</c> arguments that the parser cannot, and builds the hunt options.</summary>
internal static class HuntArgumentCheck
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // Each thread keeps up to two batches of about 1 MiB in flight, so this bounds memory too.
    internal const int MaxThreads = 256;

    public static bool TryBuildOptions(HuntArguments arguments, out HuntOptions options, out string error)
    {
        options = new HuntOptions(arguments.Paths);
        error = "";

        if (HuntOutputFormat.ConflictError(arguments.Format, arguments.Output) is { } formatError)
        {
            error = formatError;
            return false;
        }

        if (InputPaths.TryFindMissing(arguments.Paths, arguments.PathsAfterDoubleDash, out error))
        {
            return false;
        }

        if (OutputPathCheck.FolderError(arguments.Output) is { } folderError)
        {
            error = folderError;
            return false;
        }

        var now = DateTimeOffset.UtcNow;

        // The end of the range is inclusive, so a rounded --to covers its whole unit.
        if (!TryParseTime(arguments.From, now, "--from", roundUp: false, out var from, out error)
            || !TryParseTime(arguments.To, now, "--to", roundUp: true, out var to, out error))
        {
            return false;
        }

        if (from > to)
        {
            error = $"--from {Format(from!.Value)} is after --to {Format(to!.Value)}. Swap the two times.";
            return false;
        }

        if (arguments.Threads is < 1 or > MaxThreads)
        {
            error = $"--threads {arguments.Threads} is out of range. Give a number of threads from 1 to {MaxThreads}.";
            return false;
        }

        options = options with
        {
            From = from,
            To = to,
            ExcludedFiles = arguments.Output is null or "-" ? [] : [arguments.Output],
            Threads = arguments.Threads ?? Environment.ProcessorCount,
            Prefilter = !arguments.NoPrefilter,
            Routing = !arguments.NoPrefilter && !arguments.NoRouting,
        };
        return true;
    }

    private static bool TryParseTime(string? text, DateTimeOffset now, string option, bool roundUp, out DateTimeOffset? time, out string error)
    {
        time = null;
        error = "";
        if (text is null)
        {
            return true;
        }

        if (!TimeArgument.TryParse(text, now, out var parsed, out var reason, roundUp))
        {
            error = $"{option}: {reason}";
            return false;
        }

        time = parsed;
        return true;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
