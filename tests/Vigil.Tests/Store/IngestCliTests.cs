using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

public sealed partial class IngestCliTests
{
    [Fact]
    public void Ingest_Samples_CountsMatchHunt()
    {
        using var data = new TempDirectory();

        var ingest = CliRunner.Run("ingest", RepoPaths.Samples, "--data", data.Path);
        var hunt = CliRunner.Run("hunt", RepoPaths.Samples);

        Assert.Equal(0, ingest.ExitCode);
        AssertCountsMatch(hunt.StandardError, ingest.StandardError);
    }

    [Fact]
    public void Ingest_SharedDatasets_CountsMatchHunt()
    {
        var cloudtrail = RepoPaths.SharedOrSkip("data", "cloudtrail");
        using var data = new TempDirectory();

        var ingest = CliRunner.Run("ingest", cloudtrail, "--data", data.Path);
        var hunt = CliRunner.Run("hunt", cloudtrail);

        AssertCountsMatch(hunt.StandardError, ingest.StandardError);
    }

    [Fact]
    public void Ingest_SecondRun_StoresNothing()
    {
        using var data = new TempDirectory();
        CliRunner.Run("ingest", RepoPaths.Samples, "--data", data.Path);

        var second = CliRunner.Run("ingest", RepoPaths.Samples, "--data", data.Path);

        var counts = IngestCounts(second.StandardError);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, counts.Records);
    }

    [Fact]
    public void Ingest_CutGzipMember_ReportedAtOnce()
    {
        using var directory = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(directory.Path, "input")).FullName;
        var member = UnfinishedGzipTests.Member(StoreFixture.Records(50));
        var path = Path.Combine(input, "delivery.json.gz");
        File.WriteAllBytes(path, member[..(member.Length / 2)]);

        var result = CliRunner.Run("ingest", input, "--data", Path.Combine(directory.Path, "data"));

        var counts = IngestCounts(result.StandardError);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, counts.Errors);
        Assert.True(counts.Stored > 0, result.StandardError);
        Assert.Contains($"{path}: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("truncated", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_InvalidRetention_UsageError()
    {
        using var data = new TempDirectory();

        var result = CliRunner.Run("ingest", RepoPaths.Samples, "--data", data.Path, "--retention", "30x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("30x", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_MissingData_UsageError()
    {
        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = null }, "ingest", RepoPaths.Samples);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Ingest_KilledChild_ResumesExactlyOnce()
    {
        using var directory = new TempDirectory();
        // Several batches, so the child can be killed between two commits.
        const int total = 5 * IngestOptions.DefaultBatchSize;
        var input = Path.Combine(directory.Path, "big.json");
        File.WriteAllLines(input, StoreFixture.Records(total));
        var data = Path.Combine(directory.Path, "data");

        var committed = KillWhenEventsStored(input, data);
        var resumed = CliRunner.Run("ingest", input, "--data", data);

        var counts = IngestCounts(resumed.StandardError);
        using var store = VigilStore.Open(data);
        Assert.InRange(committed, 1, total - 1);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(total - committed, counts.Stored);
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(total, store.CountEvents());
    }

    /// <summary>Starts <c>vigil ingest</c>, kills it once it has committed a batch, and returns the events committed.</summary>
    private static long KillWhenEventsStored(string input, string data)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "ingest", input, "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && StoredSoFar(data) == 0 && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(10);
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return StoredSoFar(data);
    }

    private static long StoredSoFar(string data)
    {
        if (!File.Exists(Path.Combine(data, VigilStore.DatabaseFileName)))
        {
            return 0;
        }

        try
        {
            using var store = VigilStore.Open(data);
            return store.CountEvents();
        }
        catch (Exception exception) when (exception is StoreException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The child may be creating the schema; look again.
            return 0;
        }
    }

    private static void AssertCountsMatch(string huntError, string ingestError)
    {
        var hunt = HuntLine().Match(huntError);
        var ingest = IngestCounts(ingestError);
        Assert.True(hunt.Success, huntError);
        Assert.Equal(Number(hunt, "records"), ingest.Records);
        Assert.Equal(Number(hunt, "events"), ingest.Stored);
        Assert.Equal(Number(hunt, "errors"), ingest.Errors);
        Assert.Equal(Number(hunt, "skipped"), ingest.Duplicates + ingest.Skipped);
    }

    private static (long Records, long Stored, long Duplicates, long Errors, long Skipped) IngestCounts(string standardError)
    {
        var match = IngestLine().Match(standardError);
        Assert.True(match.Success, standardError);
        return (Number(match, "records"), Number(match, "stored"), Number(match, "duplicates"), Number(match, "errors"), Number(match, "skipped"));
    }

    private static long Number(Match match, string group) =>
        long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Records read (?<records>[\d,]+) = events (?<events>[\d,]+) \+ errors (?<errors>[\d,]+) \+ skipped (?<skipped>[\d,]+)")]
    private static partial Regex HuntLine();

    [GeneratedRegex(@"Records read (?<records>[\d,]+) = stored (?<stored>[\d,]+) \+ duplicates (?<duplicates>[\d,]+) \+ errors (?<errors>[\d,]+) \+ skipped (?<skipped>[\d,]+)")]
    private static partial Regex IngestLine();
}
