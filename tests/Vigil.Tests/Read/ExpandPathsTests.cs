using Vigil.Read;

namespace Vigil.Tests.Read;

public sealed class ExpandPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void DirectoriesExpandSortedAndRecursive()
    {
        Touch("b/2.json");
        Touch("b/1.json");
        Touch("a.json");
        Touch("c/d/e.json.gz");

        var files = CloudTrailReader.ExpandPaths([_root]).Select(f => Path.GetRelativePath(_root, f)).ToList();

        Assert.Equal(["a.json", Path.Combine("b", "1.json"), Path.Combine("b", "2.json"), Path.Combine("c", "d", "e.json.gz")], files);
    }

    [Fact]
    public void MissingPathIsKeptForReporting()
    {
        var missing = Path.Combine(_root, "nope.json");
        Touch("x.json");

        var files = CloudTrailReader.ExpandPaths([missing, _root, Path.Combine(_root, "x.json")]);

        Assert.Equal(2, files.Count);
        Assert.Equal(missing, files[0]);
        Assert.Equal(ReadOutcome.Error, new CloudTrailReader().ReadFile(files[0]).Single().Outcome);
    }

    private void Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");
    }
}
