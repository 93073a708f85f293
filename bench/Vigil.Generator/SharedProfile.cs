using System.Text.Json;

namespace Vigil.Generator;

/// <summary>
/// Computes a <see cref="TrafficProfile"/> from real CloudTrail records: every <c>{"Records":[...]}</c>
/// <c>.json</c> file and every <c>.ndjson</c> file under a folder. Records are only counted, never copied.
/// </summary>
internal static class SharedProfile
{
    /// <summary>Returns the profile of the records under <paramref name="folder"/>, or null when it contains none.</summary>
    public static TrafficProfile? TryLoad(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var traffic = new ObservedTraffic();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            AddFile(traffic, file);
        }

        return traffic.Records == 0 ? null : traffic.ToProfile($"{traffic.Records} records under {folder}");
    }

    private static void AddFile(ObservedTraffic traffic, string file)
    {
        if (file.EndsWith(".ndjson", StringComparison.Ordinal) || file.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                AddDocument(traffic, line);
            }
        }
        else if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            AddDocument(traffic, File.ReadAllText(file));
        }
    }

    private static void AddDocument(ObservedTraffic traffic, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // Some reference records are truncated on purpose, and a profile only needs the readable ones.
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
            {
                foreach (var record in records.EnumerateArray())
                {
                    traffic.Add(record);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                traffic.Add(root);
            }
        }
    }
}
