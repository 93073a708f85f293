using Vigil.Generator;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Generator;

/// <summary>Every generated record reads and maps through Vigil's reader and mapper without an error.</summary>
public class GeneratedRecordTests
{
    [Theory]
    [InlineData("records.json")]
    [InlineData("records.json.gz")]
    [InlineData("s3")]
    public void BuiltInProfileRecordsMap(string name)
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, name);

        var summary = GeneratedFiles.Generate(output, GeneratedFiles.LayoutOf(name));
        var (records, problems) = ReadAndMap(output);

        Assert.Equal(summary.Records, records);
        Assert.Empty(problems);
    }

    [Fact]
    public void SharedProfileRecordsMap()
    {
        var profile = GeneratedFiles.SharedProfileOrSkip();
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "records.json");

        var summary = GeneratedFiles.Generate(output, OutputLayout.Json, seed: 3, profile);
        var (records, problems) = ReadAndMap(output);

        Assert.Equal(summary.Records, records);
        Assert.Empty(problems);
    }

    [Fact]
    public void SizeTargetStopsNearIt()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "records.json");
        var options = new GeneratorOptions(output, OutputLayout.Json, TargetBytes: 200_000);

        var summary = CloudTrailGenerator.Run(options, BuiltInProfile.Create());

        Assert.InRange(new FileInfo(output).Length, 200_000, 220_000);
        Assert.Equal(summary.Bytes, new FileInfo(output).Length);
    }

    private static (long Records, List<string> Problems) ReadAndMap(string path)
    {
        var problems = new List<string>();
        long records = 0;
        foreach (var file in CloudTrailReader.ExpandPaths([path]))
        {
            foreach (var item in new CloudTrailReader().ReadFile(file))
            {
                if (item.Outcome != ReadOutcome.Record)
                {
                    problems.Add($"{item.File} {item.Location}: {item.Outcome} {item.Reason}");
                    continue;
                }

                records++;
                if (CloudTrailMapper.Map(item.Record!).Error is { } error)
                {
                    problems.Add($"{item.File} {item.Location}: {error}");
                }
            }
        }

        return (records, problems);
    }
}
