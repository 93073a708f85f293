using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Vigil.Detect.Rules;
using Vigil.Serve;
using Vigil.Store.Scheduler;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serve;

/// <summary>A scheduler on a fake clock with its tables in a SQLite file in a temp folder.</summary>
internal sealed class SchedulerHarness : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteConnection _connection;

    public SchedulerHarness(DateTimeOffset start, SchedulerOptions? options = null)
    {
        Clock = new FakeTimeProvider(start);
        Options = options ?? new SchedulerOptions();
        _connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "vigil.db")};Pooling=False");
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = SchedulerSchema.Create;
            command.ExecuteNonQuery();
        }

        Scheduler = Reopen();
    }

    public FakeTimeProvider Clock { get; }

    public SchedulerOptions Options { get; }

    public InMemoryEvents Events { get; } = new();

    public InMemoryAlerts Alerts { get; } = new();

    public RuleScheduler Scheduler { get; private set; }

    /// <summary>A new scheduler on the same tables, as after a restart; rules must be registered again.</summary>
    public RuleScheduler Reopen() =>
        Scheduler = new RuleScheduler(new SqliteSchedulerState(_connection), Events, Alerts, Clock, Options);

    /// <summary>Stores <paramref name="document"/> now, stamping <c>event.ingested</c> with the clock unless told not to.</summary>
    public void Ingest(JsonObject document, bool stampIngested = true)
    {
        if (stampIngested)
        {
            var eventObject = document["event"] as JsonObject ?? [];
            document["event"] = eventObject;
            eventObject["ingested"] ??= Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        Events.Add(document);
    }

    /// <summary>Moves the clock to <paramref name="time"/> and runs what is due.</summary>
    public IReadOnlyList<ExecutionLogEntry> RunAt(DateTimeOffset time)
    {
        Clock.SetUtcNow(time);
        return Scheduler.RunDue(TestContext.Current.CancellationToken);
    }

    public RuleStatus Register(DetectionRule rule) => Scheduler.Register(rule);

    public void Dispose()
    {
        _connection.Dispose();
        _directory.Dispose();
    }
}
