using System.Text;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// Soundness on real data: whenever a real rule's query matches a real mapped event, the event's raw
/// JSON passes the literal test built from that query, and so does the same JSON with some letters
/// of its strings written as <c>\u</c> escapes. Literals are derived for every rule here, routed or
/// not, so that many rules and fields are exercised.
/// </summary>
public sealed class RequiredLiteralsSoundnessTests
{
    [Fact]
    public void LiteralTestPassesEveryRealMatch()
    {
        var queries = PackQueries();
        var records = PlainRecords([RepoPaths.SharedOrSkip("data", "cloudtrail"), RepoPaths.Samples]);

        var checkedMatches = 0;
        var escapedOnly = 0;
        var violations = new List<string>();
        foreach (var (json, document) in records)
        {
            foreach (var (rule, query, texts, literals) in queries)
            {
                if (!query.Matches(document))
                {
                    continue;
                }

                checkedMatches++;
                if (!literals.MayContain(json))
                {
                    violations.Add($"{rule}: {document.FieldValues("event.id").FirstOrDefault()}");
                }

                var escaped = EscapeSomeLetters(json);
                escapedOnly += texts.Any(text => escaped.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0) ? 0 : 1;
                if (!literals.MayContain(escaped))
                {
                    violations.Add($"{rule}, escaped: {document.FieldValues("event.id").FirstOrDefault()}");
                }
            }
        }

        Assert.True(queries.Count >= 20, $"only {queries.Count} rules demand literals");
        Assert.True(checkedMatches >= 50, $"only {checkedMatches} matches to check");
        Assert.True(escapedOnly >= 10, $"only {escapedOnly} escaped matches lack every literal as written");
        Assert.Empty(violations);
    }

    private static List<(string Rule, CompiledQuery Query, IReadOnlySet<string> Texts, RecordLiterals Literals)> PackQueries()
    {
        var rules = RuleLoader.LoadPaths([RepoPaths.SharedOrSkip("data", "rules", "elastic-aws")]).Rules;
        var queries = new List<(string, CompiledQuery, IReadOnlySet<string>, RecordLiterals)>();
        foreach (var rule in rules.Where(rule => rule.Language == "kuery" && rule.Query is not null))
        {
            var compiled = Kql.Compile(rule.Query!, FieldMapping.CloudTrail).Query;
            var literals = compiled is null ? null : KqlRequiredLiterals.For(compiled.Query, FieldMapping.CloudTrail, VerbatimFields.IsVerbatim);
            if (literals is not null)
            {
                queries.Add((rule.Name, compiled!, literals, new RecordLiterals(literals)));
            }
        }

        return queries;
    }

    /// <summary>
    /// Returns <paramref name="json"/> with every seventh ASCII letter inside a string written as a
    /// <c>\u</c> escape, which parses to the same record.
    /// </summary>
    private static byte[] EscapeSomeLetters(byte[] json)
    {
        var output = new List<byte>(json.Length * 2);
        var inString = false;
        var letters = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString && b == (byte)'\\')
            {
                output.Add(b);
                output.Add(json[++i]);
                continue;
            }

            if (b == (byte)'"')
            {
                inString = !inString;
            }
            else if (inString && char.IsAsciiLetter((char)b) && letters++ % 7 == 0)
            {
                output.AddRange(Encoding.ASCII.GetBytes($"\\u{b:x4}"));
                continue;
            }

            output.Add(b);
        }

        return [.. output];
    }

    /// <summary>Returns the records that take the hunt's prefilter path, as raw bytes and mapped.</summary>
    private static List<(byte[] Json, EcsDocument Document)> PlainRecords(string[] folders)
    {
        var reader = new CloudTrailReader();
        var scanner = new RecordScanner();
        var cursor = new RawRecordCursor();
        var records = new List<(byte[], EcsDocument)>();
        foreach (var path in CloudTrailReader.ExpandPaths(folders))
        {
            using var stream = File.OpenRead(path);
            foreach (var item in reader.ReadFileRaw(stream, path, cursor))
            {
                if (item.Outcome == ReadOutcome.Record
                    && scanner.TryScan(cursor.Bytes, out _)
                    && RecordParser.TryParse(cursor.Bytes, out var record, out _))
                {
                    records.Add((cursor.Bytes.ToArray(), CloudTrailMapper.Map(record!).Document));
                }
            }
        }

        return records;
    }
}
