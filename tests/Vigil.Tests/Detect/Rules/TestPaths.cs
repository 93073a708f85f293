namespace Vigil.Tests.Detect.Rules;

/// <summary>Locates the repository root, the rule fixtures and the shared reference data.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RuleFixtures => Path.Combine(RepositoryRoot, "tests", "Vigil.Tests", "Fixtures", "rules");

    /// <summary>Elastic's prebuilt AWS rules, next to the repository; absent on machines without them.</summary>
    public static string ElasticAwsRules => Path.Combine(Support.RepoPaths.SharedFolder, "data", "rules", "elastic-aws");

    public static string RuleFixture(string name) => Path.Combine(RuleFixtures, name);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Vigil.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Vigil.slnx not found above {AppContext.BaseDirectory}");
    }
}
