using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Generator;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A <c>vigil ingest</c> stopped by SIGINT or SIGTERM exits 130 with a message naming what it
/// kept, as <c>hunt</c>, <c>serve</c> and <c>rules run</c> do, and the next run resumes.
/// </summary>
public sealed class IngestStopTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_MidIngest_ExitsInterrupted(string signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends the signal with kill(1)");
        var input = Path.Combine(_temp.Path, "large.json");
        var data = Path.Combine(_temp.Path, "data");
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 7, RoleChainShare: 0.1, TargetBytes: 48L << 20), BuiltInProfile.Create());
        using var ingest = CliRunner.Start("ingest", input, "--data", data);
        ingest.StandardInput.Close();
        var error = ingest.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = ingest.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Events are stored in batches of 10,000 records, long after the signal handlers are set.
        var storing = Eventually.True(() => CountStoredEvents(data) > 0, TimeSpan.FromSeconds(60));
        Assert.True(storing, "no batch was stored within a minute");
        Assert.False(ingest.HasExited, "the ingest ended before the signal; make the input larger");
        using (var kill = Process.Start("kill", [$"-{signal}", ingest.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(ingest.WaitForExit(TimeSpan.FromSeconds(60)), "the ingest did not stop after the signal");
        Assert.Equal(130, ingest.ExitCode);
        var text = await error;
        Assert.Contains($"SIG{signal} received", text, StringComparison.Ordinal);
        Assert.Contains("vigil ingest: interrupted; every committed batch is stored", text, StringComparison.Ordinal);

        var rerun = CliRunner.Run("ingest", input, "--data", data);
        Assert.Equal(0, rerun.ExitCode);
    }

    /// <summary>Returns the events stored so far, or 0 before the store's tables exist.</summary>
    private static long CountStoredEvents(string data)
    {
        var database = Path.Combine(data, VigilStore.DatabaseFileName);
        if (!File.Exists(database))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM events";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
