using System.Globalization;

namespace Vigil.Generator;

/// <summary>Parses the command line of <c>vigil-generate</c>.</summary>
internal static class GeneratorArguments
{
    public const string Usage = """
        Usage: vigil-generate --output PATH (--count N | --size SIZE) [options]

        Writes realistic CloudTrail records drawn from the distributions of real records, then prints
        one line: records=N role_chains=N bytes=N files=N profile="...".

          -o, --output PATH         File (.json or .json.gz) or folder (S3 layout) to write.
          --layout json|gz|s3       Output layout. Default: gz for .json.gz, json for .json, else s3.
          -n, --count N             Number of records.
          -s, --size SIZE           Uncompressed JSON size to reach, in bytes or with K, M or G (powers of 1024).
          --seed N                  Seed of every random draw (default 1). Same seed, same bytes.
          --role-chain-share F      Share of role-chaining AssumeRole records, 0 to 1 (default 0.01).
          --profile DIR|built-in    Real CloudTrail records to take distributions from. Default: the reference
                                    data folder shared/data/cloudtrail beside the repository when present,
                                    else the built-in profile.
          --start TIME              ISO 8601 time of the first record (default 2026-01-01T00:00:00Z).
        """;

    /// <summary>Parses <paramref name="args"/>, or returns null and sets <paramref name="error"/> when they are invalid.</summary>
    public static (GeneratorOptions Options, string? ProfilePath)? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = Canonical(args[i]);
            if (name is null || i + 1 >= args.Length)
            {
                error = name is null ? $"Unknown option '{args[i]}'." : $"Option '{args[i]}' needs a value.";
                return null;
            }

            values[name] = args[++i];
        }

        return Build(values, out error);
    }

    private static (GeneratorOptions, string?)? Build(Dictionary<string, string> values, out string? error)
    {
        error = null;
        if (!values.TryGetValue("--output", out var output))
        {
            error = "Missing --output PATH.";
            return null;
        }

        if (!values.ContainsKey("--count") && !values.ContainsKey("--size"))
        {
            error = "Give --count N or --size SIZE (for example --size 100M).";
            return null;
        }

        try
        {
            var options = new GeneratorOptions(
                output,
                ParseLayout(values.GetValueOrDefault("--layout"), output),
                Seed: values.TryGetValue("--seed", out var seed) ? ParseCount("--seed", seed) : 1,
                RoleChainShare: ParseShare(values.GetValueOrDefault("--role-chain-share")),
                MaxRecords: values.TryGetValue("--count", out var count) ? (long)Math.Min(ParseCount("--count", count), long.MaxValue) : long.MaxValue,
                TargetBytes: values.TryGetValue("--size", out var size) ? ParseSize(size) : long.MaxValue)
            {
                Start = values.TryGetValue("--start", out var start)
                    ? ParseStart(start)
                    : new GeneratorOptions("", OutputLayout.Json).Start,
            };
            return (options, values.GetValueOrDefault("--profile"));
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return null;
        }
    }

    private static string? Canonical(string option) => option switch
    {
        "-o" or "--output" => "--output",
        "-n" or "--count" => "--count",
        "-s" or "--size" => "--size",
        "--layout" or "--seed" or "--role-chain-share" or "--profile" or "--start" => option,
        _ => null,
    };

    private static OutputLayout ParseLayout(string? layout, string output) => layout switch
    {
        "json" => OutputLayout.Json,
        "gz" => OutputLayout.JsonGzip,
        "s3" => OutputLayout.S3,
        null when output.EndsWith(".json.gz", StringComparison.Ordinal) => OutputLayout.JsonGzip,
        null when output.EndsWith(".json", StringComparison.Ordinal) => OutputLayout.Json,
        null => OutputLayout.S3,
        _ => throw new FormatException($"Invalid --layout '{layout}': use json, gz or s3."),
    };

    private static double ParseShare(string? text)
    {
        if (text is null)
        {
            return 0.01;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new FormatException($"Invalid --role-chain-share '{text}': use a number from 0 to 1.");
    }

    /// <summary>Parses a size in bytes such as <c>100M</c> or <c>4G</c>, whose suffixes are powers of 1024.</summary>
    public static long ParseSize(string text)
    {
        var multiplier = text.Length == 0 ? 1 : char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= long.MaxValue / multiplier
            ? count * multiplier
            : throw new FormatException($"Invalid --size '{text}': use a number of bytes, or one with K, M or G such as 100M.");
    }

    private static DateTime ParseStart(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : throw new FormatException($"Invalid --start '{text}': use an ISO 8601 time such as 2026-01-01T00:00:00Z.");

    private static ulong ParseCount(string option, string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Invalid {option} '{text}': use a whole number of 0 or more.");
}
