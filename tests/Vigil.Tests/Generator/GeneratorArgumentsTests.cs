using Vigil.Generator;

namespace Vigil.Tests.Generator;

/// <summary>The command line of <c>vigil-generate</c>: sizes, layouts and invalid values.</summary>
public class GeneratorArgumentsTests
{
    [Theory]
    [InlineData("4096", 4096L)]
    [InlineData("512K", 512L << 10)]
    [InlineData("100M", 100L << 20)]
    [InlineData("4G", 4L << 30)]
    [InlineData("1g", 1L << 30)]
    public void SizeSuffixIsPowerOf1024(string text, long bytes)
    {
        Assert.Equal(bytes, GeneratorArguments.ParseSize(text));
    }

    [Theory]
    [InlineData("out.json", "Json")]
    [InlineData("out.json.gz", "JsonGzip")]
    [InlineData("bucket", "S3")]
    public void OutputNameImpliesLayout(string output, string layout)
    {
        var parsed = GeneratorArguments.Parse(["--output", output, "--count", "10"], out var error);

        Assert.Null(error);
        Assert.Equal(layout, parsed!.Value.Options.Layout.ToString());
    }

    [Fact]
    public void ShareAboveOneRejected()
    {
        var parsed = GeneratorArguments.Parse(["-o", "out.json", "-n", "10", "--role-chain-share", "1.5"], out var error);

        Assert.Null(parsed);
        Assert.Contains("--role-chain-share '1.5'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCountAndSizeRejected()
    {
        var parsed = GeneratorArguments.Parse(["-o", "out.json"], out var error);

        Assert.Null(parsed);
        Assert.Contains("--size", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionRejected()
    {
        var parsed = GeneratorArguments.Parse(["--records", "10"], out var error);

        Assert.Null(parsed);
        Assert.Contains("'--records'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--size", "lots")]
    [InlineData("--size", "")]
    [InlineData("--count", "-5")]
    [InlineData("--seed", "x")]
    [InlineData("--start", "yesterday")]
    public void InvalidValueNamesOption(string option, string value)
    {
        var parsed = GeneratorArguments.Parse(["-o", "out.json", "-n", "10", option, value], out var error);

        Assert.Null(parsed);
        Assert.StartsWith($"Invalid {option} '{value}'", error, StringComparison.Ordinal);
    }
}
