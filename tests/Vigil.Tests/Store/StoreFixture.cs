using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

/// <summary>A store in a temporary data directory, a settable clock, and helpers that write CloudTrail files.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture()
    {
        Store = VigilStore.Open(DataDirectory, Clock);
    }

    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public string DataDirectory => Path.Combine(_directory.Path, "data");

    public string InputDirectory => Directory.CreateDirectory(Path.Combine(_directory.Path, "input")).FullName;

    public VigilStore Store { get; }

    /// <summary>Returns one CloudTrail record as a JSON line.</summary>
    public static string Record(string eventId, string eventTime, string action = "AssumeRole", string source = "sts.amazonaws.com") =>
        new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventTime"] = eventTime,
            ["eventSource"] = source,
            ["eventName"] = action,
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = "203.0.113.7",
            ["eventID"] = eventId,
            ["eventType"] = "AwsApiCall",
            ["recipientAccountId"] = "111122223333",
        }.ToJsonString();

    /// <summary>Returns <paramref name="count"/> records one second apart from 2026-12-01T10:00:00Z, ids <c>e0</c>, <c>e1</c> ….</summary>
    public static IEnumerable<string> Records(int count, int firstIndex = 0) =>
        Enumerable.Range(firstIndex, count).Select(i => Record(
            $"e{i}",
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    /// <summary>Writes NDJSON lines to a file in the input directory and returns its path.</summary>
    public string WriteFile(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(InputDirectory, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}

/// <summary>A clock that moves only when a test sets it.</summary>
internal sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
