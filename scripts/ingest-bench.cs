#:project ../src/Vigil.Core/Vigil.Core.csproj
#:property Configuration=Release
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true

// Reads (and with "map", maps) every record of the given files with Vigil's reader and mapper, and
// prints the input size, record count, elapsed time and throughput. Usage:
//   dotnet run scripts/ingest-bench.cs -- read|map FILE...
using System.Diagnostics;
using System.Globalization;
using Vigil.Map;
using Vigil.Read;

if (args.Length < 2 || args[0] is not ("read" or "map"))
{
    Console.Error.WriteLine("usage: ingest-bench read|map FILE...");
    return 2;
}

var map = args[0] == "map";
var reader = new CloudTrailReader();
var bytes = args.Skip(1).Sum(f => new FileInfo(f).Length);
long records = 0, errors = 0, mapped = 0;
var stopwatch = Stopwatch.StartNew();
foreach (var file in args.Skip(1))
{
    foreach (var item in reader.ReadFile(file))
    {
        if (item.Outcome != ReadOutcome.Record)
        {
            errors += item.Outcome == ReadOutcome.Error ? 1 : 0;
            continue;
        }

        records++;
        if (map && CloudTrailMapper.Map(item.Record!).Document.Root.Count > 0)
        {
            mapped++;
        }
    }
}

var seconds = stopwatch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[0]}: {bytes / 1e6:F0} MB on disk, {records} records ({mapped} mapped, {errors} errors) in {seconds:F1} s: "
    + $"{bytes / 1e6 / seconds:F1} MB/s, {records / seconds:F0} records/s"));
return errors == 0 ? 0 : 1;
