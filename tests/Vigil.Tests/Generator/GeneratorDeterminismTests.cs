using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Generator;

/// <summary>The same seed and options give byte-identical output in every layout; another seed gives other records.</summary>
public class GeneratorDeterminismTests
{
    [Theory]
    [InlineData("records.json")]
    [InlineData("records.json.gz")]
    [InlineData("s3")]
    public void SameSeedSameBytes(string name)
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var firstSummary = GeneratedFiles.Generate(Path.Combine(first.Path, name), GeneratedFiles.LayoutOf(name), seed: 42);
        var secondSummary = GeneratedFiles.Generate(Path.Combine(second.Path, name), GeneratedFiles.LayoutOf(name), seed: 42);

        Assert.Equal(firstSummary, secondSummary);
        Assert.Equal(GeneratedFiles.Snapshot(first.Path), GeneratedFiles.Snapshot(second.Path));
    }

    [Fact]
    public void OtherSeedOtherBytes()
    {
        using var temp = new TempDirectory();
        var first = Path.Combine(temp.Path, "first.json");
        var second = Path.Combine(temp.Path, "second.json");

        GeneratedFiles.Generate(first, OutputLayout.Json, seed: 1);
        GeneratedFiles.Generate(second, OutputLayout.Json, seed: 2);

        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void SharedProfileSameBytes()
    {
        var profile = GeneratedFiles.SharedProfileOrSkip();
        using var temp = new TempDirectory();
        var first = Path.Combine(temp.Path, "first.json");
        var second = Path.Combine(temp.Path, "second.json");

        GeneratedFiles.Generate(first, OutputLayout.Json, seed: 9, profile);
        GeneratedFiles.Generate(second, OutputLayout.Json, seed: 9, GeneratedFiles.SharedProfileOrSkip());

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }
}
