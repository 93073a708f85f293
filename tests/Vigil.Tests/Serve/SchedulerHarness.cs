using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;
using Vigil.Serve;
using Vigil.Store;
using Vigil.Store.Scheduler;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serve;

/// <summary>A scheduler on a fake clock over a real store in a temp folder.</summary>
internal sealed class SchedulerHarness : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <param name="start">The fake clock's first time.</param>
    /// <param name="options">The scheduler's options, or null for the defaults.</param>
    /// <param name="createData">Writes files into the data directory before the store opens it, such as a database of an older schema version.</param>
    public SchedulerHarness(DateTimeOffset start, SchedulerOptions? options = null, Action<string>? createData = null)
    {
        Clock = new FakeTimeProvider(start);
        Options = options ?? new SchedulerOptions();
        var data = Path.Combine(_directory.Path, "data");
        if (createData is not null)
        {
            Directory.CreateDirectory(data);
            createData(data);
        }

        Store = VigilStore.Open(data, Clock);
        Events = new FaultyEventSource(new StoreEventSource(Store));
        Scheduler = Reopen();
    }

    public FakeTimeProvider Clock { get; }

    public SchedulerOptions Options { get; }

    public VigilStore Store { get; }

    public FaultyEventSource Events { get; }

    public RuleScheduler Scheduler { get; private set; }

    public string TempPath => _directory.Path;

    /// <summary>A new scheduler on the same store, as after a restart; rules must be registered again.</summary>
    public RuleScheduler Reopen()
    {
        State = new FaultyState(new SqliteSchedulerState(Store));
        return Scheduler = new RuleScheduler(State, Events, new StoreAlertWriter(Store), Clock, Options);
    }

    public FaultyState State { get; private set; } = null!;

    /// <summary>
    /// A second scheduler on the same store with its own state hooks, like <c>vigil serve</c> beside
    /// <c>vigil rules run</c>. Each of its calls opens its own connections. Register the rules on it first.
    /// </summary>
    public RuleScheduler OtherScheduler(FaultyState state) =>
        new(state, new StoreEventSource(Store), new StoreAlertWriter(Store), Clock, Options);

    /// <summary>Stores an ECS document now, setting <c>event.ingested</c> to now as the store's ingest does.</summary>
    public void Ingest(JsonObject document)
    {
        var now = Clock.GetUtcNow();
        var eventObject = document["event"] as JsonObject ?? [];
        document["event"] = eventObject;
        eventObject["ingested"] = KibanaTime.Format(now);
        Insert(document, now.ToUnixTimeMilliseconds());
    }

    /// <summary>Stores an ECS document as it is, without <c>event.ingested</c>, like one indexed by another pipeline.</summary>
    public void IngestWithoutIngestedTime(JsonObject document) => Insert(document, null);

    /// <summary>Moves the clock to <paramref name="time"/> and runs what is due.</summary>
    public IReadOnlyList<ExecutionLogEntry> RunAt(DateTimeOffset time)
    {
        Clock.SetUtcNow(time);
        return Scheduler.RunDue(TestContext.Current.CancellationToken);
    }

    public RuleStatus Register(DetectionRule rule) => Scheduler.Register(rule);

    /// <summary>Runs <paramref name="rule"/> manually over [<paramref name="from"/>, <paramref name="to"/>], stopping when the test is cancelled.</summary>
    public ManualRunSummary RunManual(string rule, DateTimeOffset from, DateTimeOffset to) =>
        Scheduler.RunManual(rule, from, to, cancellationToken: TestContext.Current.CancellationToken);

    public IReadOnlyList<StoredAlert> Alerts(string? ruleId = null) => Store.ListAlerts(new AlertFilter { RuleId = ruleId });

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }

    private void Insert(JsonObject document, long? ingestedMs)
    {
        var ecs = new EcsDocument(document);
        using var connection = Store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO events (data_stream, timestamp, ingested, provider, action, document)
            VALUES ($stream, $timestamp, $ingested, $provider, $action, $document)
            """;
        command.Parameters.AddWithValue("$stream", ecs.DataStream);
        command.Parameters.AddWithValue("$timestamp", KibanaTime.TryReadTimestamp(document, out var time) ? time.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$ingested", ingestedMs is { } ingested ? ingested : DBNull.Value);
        command.Parameters.AddWithValue("$provider", First(ecs, "event.provider"));
        command.Parameters.AddWithValue("$action", First(ecs, "event.action"));
        command.Parameters.AddWithValue("$document", document.ToJsonString());
        command.ExecuteNonQuery();
    }

    private static object First(EcsDocument document, string field) =>
        document.FieldValues(field).FirstOrDefault() is JsonValue value ? value.GetValue<string>() : DBNull.Value;
}
