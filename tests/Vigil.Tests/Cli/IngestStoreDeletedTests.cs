using Microsoft.Data.Sqlite;
using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil ingest</c> of one large file whose data directory is deleted after the first batch
/// committed. SQLite commits the later batches into the unlinked file without an error, so ingest
/// must stop with exit code 3 instead of reporting events that no store holds.
/// </summary>
public sealed class IngestStoreDeletedTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DeletedMidFileStopsIngest()
    {
        var input = Path.Combine(_temp.Path, "large.json");
        var data = Path.Combine(_temp.Path, "data");
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 7, TargetBytes: 64L << 20), BuiltInProfile.Create());

        using var ingest = CliRunner.Start("ingest", input, "--data", data);
        ingest.StandardInput.Close();
        var error = ingest.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = ingest.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        var committed = Eventually.True(() => CountEvents(data) > 0, TimeSpan.FromSeconds(60));
        Assert.True(committed, "no batch was committed within a minute");
        Assert.False(ingest.HasExited, "the ingest ended before the store was deleted; make the input larger");
        Directory.Delete(data, recursive: true);
        var exited = ingest.WaitForExit(TimeSpan.FromSeconds(60));
        if (!exited)
        {
            ingest.Kill();
        }

        Assert.True(exited, "the ingest did not stop within a minute of the deletion");
        var standardError = await error;
        Assert.Equal(3, ingest.ExitCode);
        Assert.Contains($"the store {Path.Combine(data, "vigil.db")} was deleted while Vigil had it open", standardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Events in store", standardError, StringComparison.Ordinal);
    }

    /// <summary>Returns the number of committed events, or 0 while the store or its table does not exist yet.</summary>
    private static long CountEvents(string data)
    {
        var database = Path.Combine(data, "vigil.db");
        if (!File.Exists(database))
        {
            return 0;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
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
