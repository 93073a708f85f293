using Vigil.Detect.Kql;
using Vigil.Hunt;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>--unmatched-probe FILE RULES</c>: counts the records a hunt maps for a rule that then does
/// not match them, by rule and event name, which shows where a cheaper test before mapping would pay.
/// </summary>
internal static class UnmatchedProbe
{
    public static void Run(string path, string rulesPath)
    {
        var loaded = Vigil.Detect.Rules.RuleLoader.LoadPaths([rulesPath]).Rules;
        var (rules, _) = RulePreparation.Prepare(loaded, new HuntOptions([path]), FieldMapping.CloudTrail);
        var router = new RuleRouter(rules, routing: true);
        var scanner = new RecordScanner(ScanPurpose.Hunt);
        var routedNotMatched = new Dictionary<string, int>();
        var mappedNoAlert = 0;
        var mapped = 0;
        foreach (var _ in new CloudTrailReader().ReadFileRaw(path, (json, _, _, _, _, _) =>
        {
            if (!scanner.TryScan(json, out var facts))
            {
                return;
            }

            var candidates = router.Candidates(facts.EventName, facts.EventSource, json);
            if (candidates.Count == 0 || !RecordParser.TryParseScanned(json, out var record))
            {
                return;
            }

            var passing = candidates.Where(rule => rule.MayMatch(record!)).ToList();
            if (passing.Count == 0)
            {
                return;
            }

            mapped++;
            var document = CloudTrailMapper.Map(record!).Document;
            var matched = passing.Where(rule => rule.Matches(document)).ToList();
            mappedNoAlert += matched.Count == 0 ? 1 : 0;
            foreach (var rule in passing.Except(matched))
            {
                var key = rule.Rule.Name + " | " + facts.EventName.Text + " | " + rule.Rule.Query.ReplaceLineEndings(" ")[..Math.Min(160, rule.Rule.Query.Length)];
                routedNotMatched[key] = routedNotMatched.GetValueOrDefault(key) + 1;
            }
        }))
        {
        }

        Console.WriteLine($"mapped {mapped}, mapped without alert {mappedNoAlert}");
        foreach (var (key, count) in routedNotMatched.OrderByDescending(pair => pair.Value).Take(25))
        {
            Console.WriteLine($"{count,6} {key}");
        }
    }
}
