using Vigil.Detect.Rules.Lint;

namespace Vigil.Detect.Rules.Testing;

/// <summary>Finds a folder beside a rule file that looks like its tests folder with the name mistyped.</summary>
internal static class TestsFolderHint
{
    /// <summary>
    /// Returns a hint naming the folder beside <paramref name="ruleFile"/> that is likely a
    /// misspelled <c>NAME.tests</c>, such as <c>NAME.test</c> or <c>NAME_tests</c>, or null.
    /// </summary>
    public static string? Find(string ruleFile, string expectedFolder)
    {
        var parent = Path.GetDirectoryName(ruleFile) is { Length: > 0 } directory ? directory : ".";
        var expected = Path.GetFileName(expectedFolder);
        var stem = Path.GetFileNameWithoutExtension(ruleFile);
        string[] siblings;
        try
        {
            siblings = [.. Directory.GetDirectories(parent).Select(Path.GetFileName).OfType<string>()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var candidate = siblings
            .Where(name => !name.Equals(expected, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(name => LooksLikeTestsFolder(name, stem, expected));
        return candidate is null
            ? null
            : $"found {Path.Combine(parent, candidate)}: rename it to {expected}";
    }

    /// <summary>
    /// True for a name close to <paramref name="expected"/>, or the rule's stem followed by a word
    /// with "test". Another rule's <c>.tests</c> folder is correct as it is, so it never counts.
    /// </summary>
    private static bool LooksLikeTestsFolder(string name, string stem, string expected)
    {
        var suffix = RuleTestRunner.TestsFolderSuffix;
        if (name.EndsWith(suffix, StringComparison.Ordinal) && !name[..^suffix.Length].Equals(stem, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stemThenTest = name.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
            && name[stem.Length..].Contains("test", StringComparison.OrdinalIgnoreCase);
        return stemThenTest || EditDistance.Distance(name, expected, 2) <= 2;
    }
}
