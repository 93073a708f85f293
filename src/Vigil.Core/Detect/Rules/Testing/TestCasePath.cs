namespace Vigil.Detect.Rules.Testing;

/// <summary>
/// A path given to <c>rules test</c> inside a rule's tests folder: the folder <c>NAME.tests</c>
/// itself, or one of its case folders, such as <c>NAME.tests/tp</c>. It selects the rule file
/// beside the tests folder, and only that case when it names one, as pytest runs the one test a
/// path names.
/// </summary>
/// <param name="RuleFile">The rule file whose cases the path selects.</param>
/// <param name="CaseFolder">The case folder selected, or null for every case of the rule.</param>
internal sealed record TestCasePath(string RuleFile, string? CaseFolder)
{
    /// <summary>The extensions of the rule files that the loader reads, in the order a rule file beside a tests folder is looked for.</summary>
    private static readonly string[] RuleExtensions = [".toml", ".ndjson", ".json", ".md"];

    /// <summary>
    /// Returns the selection of <paramref name="path"/>, or null when the path is not inside a
    /// tests folder or names no rule file. For a path inside a tests folder, <paramref name="error"/>
    /// then contains the reason.
    /// </summary>
    public static TestCasePath? Parse(string path, out string? error)
    {
        error = null;
        var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var tests = Array.FindLastIndex(parts, part => part.Length > RuleTestRunner.TestsFolderSuffix.Length && part.EndsWith(RuleTestRunner.TestsFolderSuffix, StringComparison.Ordinal));
        if (tests < 0)
        {
            return null;
        }

        var testsFolder = string.Join(Path.DirectorySeparatorChar, parts[..(tests + 1)]);
        var stem = parts[tests][..^RuleTestRunner.TestsFolderSuffix.Length];
        var parent = Path.GetDirectoryName(testsFolder) is { Length: > 0 } directory ? directory : ".";
        var ruleFile = RuleExtensions.Select(extension => Path.Combine(parent, stem + extension)).FirstOrDefault(File.Exists);
        if (ruleFile is null)
        {
            error = $"{path} is inside the tests folder {testsFolder}, but no rule file {stem}.toml or {stem}.ndjson is beside it in {parent}: add the rule file, or rename the folder to NAME.tests for the rule file NAME.toml";
            return null;
        }

        var caseName = parts.Skip(tests + 1).FirstOrDefault(part => part.Length > 0);
        var caseFolder = caseName is null ? null : Path.Combine(testsFolder, caseName);
        if (caseFolder is not null && !Directory.Exists(caseFolder))
        {
            error = $"test case folder {caseFolder} not found: give an existing case folder of {testsFolder}, or the rule file {ruleFile} to run all its cases";
            return null;
        }

        return new TestCasePath(ruleFile, caseFolder);
    }
}
