using Vigil.Detect.Rules;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>Rule folders behind symbolic links are searched once, and a link back to a folder above ends the search.</summary>
public class RuleFolderLinkTests
{
    [Fact]
    public void LinkedFolder_RulesFound()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var temp = new TempDirectory();
        var real = Directory.CreateDirectory(Path.Combine(temp.Path, "real")).FullName;
        var top = Directory.CreateDirectory(Path.Combine(temp.Path, "top")).FullName;
        File.Copy(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"), Path.Combine(real, "rule.toml"));
        Directory.CreateSymbolicLink(Path.Combine(top, "linked"), real);
        Directory.CreateSymbolicLink(Path.Combine(top, "again"), real);
        Directory.CreateSymbolicLink(Path.Combine(top, "cycle"), top);

        var loaded = RuleLoader.LoadPaths([top]);

        Assert.Single(loaded.Rules);
        Assert.Empty(loaded.Errors);
    }
}
