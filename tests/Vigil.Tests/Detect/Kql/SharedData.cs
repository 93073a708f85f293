using System.Text.Json.Nodes;

namespace Vigil.Tests.Detect;

/// <summary>
/// Reads the reference data kept beside the repository (<c>../shared</c> from the folder holding
/// Vigil.slnx). Tests that use it skip when it is absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? KqlFolder => Root.Value is { } root ? Path.Combine(root, "data", "kql") : null;

    public static string? CasesFolder => Root.Value is { } root ? Path.Combine(root, "data", "cases") : null;

    /// <summary>Skips the calling test when the shared folder is absent, and returns it otherwise.</summary>
    public static string RequireRoot()
    {
        Assert.SkipWhen(Root.Value is null, "The shared reference data (../shared beside the repository) is absent.");
        return Root.Value!;
    }

    /// <summary>Returns the records of a JSON Lines file under data/kql, or none when it is absent.</summary>
    public static IReadOnlyList<JsonObject> KqlRecords(string fileName)
    {
        if (KqlFolder is not { } folder || !File.Exists(Path.Combine(folder, fileName)))
        {
            return [];
        }

        return File.ReadLines(Path.Combine(folder, fileName))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
    }

    /// <summary>
    /// Returns theory rows of record keys, or one placeholder row (that the test skips) when the
    /// data is absent, since a theory without rows fails.
    /// </summary>
    public static TheoryData<string> Keys(string fileName, Func<JsonObject, string> key, Func<JsonObject, bool>? filter = null)
    {
        var keys = KqlRecords(fileName).Where(filter ?? (_ => true)).Select(key).ToList();
        return keys.Count == 0 ? new TheoryData<string>(Absent) : new TheoryData<string>(keys);
    }

    public const string Absent = "(shared data absent)";

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                var shared = Support.RepoPaths.SharedFolder;
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
