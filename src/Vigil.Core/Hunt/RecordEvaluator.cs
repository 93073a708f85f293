using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Turns the raw bytes of one JSON object into outcomes: reads it, and maps and evaluates only
/// what a rule can match. Holds per-thread buffers, so each worker thread has its own.
/// </summary>
/// <remarks>
/// With prefilters on, a plain record (see <see cref="RecordScanner"/>) is first scanned for its
/// content hash and its <c>eventName</c> and <c>eventSource</c>, and searched for the literals some
/// rules require (see <see cref="RecordLiterals"/>). When no rule can match those, it
/// becomes an event that is never parsed nor mapped, so a partial mapping failure on it is not
/// reported and not counted in <see cref="HuntSummary.EventsWithMappingErrors"/>. Its content hash
/// is the one the parsed record would give, so duplicates are found exactly as without prefilters.
/// A parsed record is not mapped either when its raw values rule out every candidate rule
/// (<see cref="RawFieldCheck"/>). A record that a log event or a lookup-events entry carries as a
/// string is scanned the same way, unescaped (<see cref="WrappedRecordText"/>): a hunt of a
/// subscription payload took 2.1 s of processor time per 56,225 records before, against 0.27 s for
/// the same records in a delivery object.
/// </remarks>
/// <param name="router">Finds the rules that can match a record.</param>
/// <param name="prefilter">Whether records that no rule can match are counted without being mapped.</param>
/// <param name="executionTime">The time the alerts name as the rule's execution.</param>
/// <param name="timeRange">The hunt's time range, against which each event is placed; null for a hunt without one.</param>
internal sealed class RecordEvaluator(RuleRouter router, bool prefilter, DateTimeOffset executionTime, HuntTimeRange? timeRange)
{
    // An event's alerts are written here while its tree is at hand, unless more rules match it, or
    // a rule with large alerts. A batch then keeps the document instead, so its memory does not grow
    // with the rules that match: 14 rules matching 7,751 small records peaked at 467 MB with eight
    // threads otherwise.
    private const int MaxAlertsWrittenHere = 2;

    private readonly RecordScanner _scanner = new(timeRange is null ? ScanPurpose.Hunt : ScanPurpose.HuntWithEventTime);
    private readonly WrappedRecordText _wrapped = new();
    private readonly WrittenAlerts.Scratch _alertScratch = new();

    /// <summary>The buffer of the batch being evaluated, which keeps its alerts' text, or null for arrays of their own.</summary>
    public AlertTextBuffer? AlertText { get; set; }

    /// <summary>Evaluates the raw record <paramref name="json"/>, which the reader gave as <paramref name="raw"/>.</summary>
    public void Evaluate(ReadOnlySpan<byte> json, ReadOnlySpan<byte> after, ReadItem raw, long offset, UnvalidatedElement? unvalidated, List<RecordOutcome> outcomes)
    {
        if (prefilter && TryEvaluateScanned(json, unvalidated?.Wrapper, raw, outcomes))
        {
            return;
        }

        // Read only here: most records are scanned above, and their location is formatted when read.
        var (file, location) = (raw.File, raw.Location);

        // A successful scan has checked the syntax too. Otherwise an element framed by its structure
        // alone may be invalid JSON, and the reader's own wording reports it.
        if (unvalidated is { } element && ElementSyntax.Check(json, after, file, location, offset, element) is { } invalid)
        {
            outcomes.Add(new RecordOutcome(invalid));
            return;
        }

        HuntMetrics.Parsed.Add(1);
        foreach (var item in RecordStreamReader.ParseItems(json, file, location, offset))
        {
            outcomes.Add(item.Outcome == ReadOutcome.Record ? Evaluate(item) : new RecordOutcome(item));
        }
    }

    /// <summary>
    /// Evaluates a record that scans as plain, or the record a log event or a lookup-events entry
    /// carries as a string, scanned unescaped. Returns <c>false</c> to leave the element to the parser.
    /// An element that the reader framed in a <paramref name="wrapper"/>'s array without checking it
    /// must have the wrapper's field. One without it is left to the parser's path, which reports it.
    /// </summary>
    private bool TryEvaluateScanned(ReadOnlySpan<byte> json, EventWrapper? wrapper, ReadItem item, List<RecordOutcome> outcomes)
    {
        // A delivered record starts with eventVersion, a key WrappedRecordText rejects. Anything else
        // is tried as a wrapper first: a scan of a log event as a record fails only after its whole message.
        if (wrapper is not null || !json.StartsWith("{\"eventVersion\""u8))
        {
            if (_wrapped.TryUnwrap(json, wrapper?.Field, out var wrapped))
            {
                json = wrapped;
            }
            else if (wrapper is not null)
            {
                return false;
            }
        }

        if (!TryScan(json, out var facts))
        {
            return false;
        }

        // An eventTime that is not a string is read from the parsed record, as the mapper reads it.
        if (timeRange is not null && facts.EventTime.Kind == TopLevelValueKind.Other)
        {
            return false;
        }

        var rules = router.Candidates(facts.EventName, facts.EventSource, json, _scanner);
        if (rules.Count == 0)
        {
            var position = timeRange?.Place(facts.EventTime.Text) ?? EventTimePosition.InRange;
            outcomes.Add(new RecordOutcome(item, (ulong?)facts.ContentHash, TimePosition: position));
            return true;
        }

        HuntMetrics.Parsed.Add(1);
        if (!RecordParser.TryParseScanned(json, out var record))
        {
            return false;
        }

        outcomes.Add(Evaluate(record!, item, (ulong?)facts.ContentHash, rules));
        return true;
    }

    /// <summary>Scans a record for the prefilter. A fault while scanning sends the record down the parsing path.</summary>
    private bool TryScan(ReadOnlySpan<byte> json, out RecordFacts facts)
    {
        try
        {
            return _scanner.TryScan(json, out facts);
        }
        catch (Exception ex) when (HuntPass.IsRecoverable(ex))
        {
            facts = default;
            return false;
        }
    }

    private RecordOutcome Evaluate(ReadItem parsed)
    {
        var record = parsed.Record!;
        var item = parsed with { Record = null, WrappedText = null };

        // A scanned record always has one of the two, so only parsed records are checked.
        var lacksFields = !record.ContainsKey("eventName") && !record.ContainsKey("eventTime");
        try
        {
            var hash = record["eventID"] is JsonValue id && id.GetValueKind() == JsonValueKind.String
                ? QuickContentHash.Compute(record)
                : (ulong?)null;
            var rules = prefilter ? router.Candidates(TopLevel(record, "eventName"), TopLevel(record, "eventSource")) : router.All;
            return Evaluate(record, item, hash, rules) with { LacksCloudTrailFields = lacksFields };
        }
        catch (Exception ex) when (HuntPass.IsRecoverable(ex))
        {
            return new RecordOutcome(item, Failure: ex.Message);
        }
    }

    private RecordOutcome Evaluate(JsonObject record, ReadItem item, ulong? hash, IReadOnlyList<PreparedRule> rules)
    {
        var position = timeRange?.Place(record) ?? EventTimePosition.InRange;
        if (prefilter)
        {
            rules = PassingRawChecks(record, rules);
        }

        if (prefilter && rules.Count == 0)
        {
            return new RecordOutcome(item, hash, TimePosition: position);
        }

        // A fault on a hostile record makes it one counted error, unless it turns out a duplicate.
        try
        {
            HuntMetrics.Mapped.Add(1);
            var mapped = CloudTrailMapper.Map(record);
            var matches = Detect(mapped.Document, rules);
            var outcome = matches.Count switch
            {
                0 => new RecordOutcome(item, hash, MappingError: mapped.Error),
                <= MaxAlertsWrittenHere when !matches.Exists(rule => rule.LargeAlerts) => new RecordOutcome(item, hash, WrittenAlerts.Write(matches, mapped.Document, executionTime, _alertScratch, AlertText), MappingError: mapped.Error),
                _ => new RecordOutcome(item, hash, Deferred: new DeferredAlerts(matches, mapped.Document.Compact()), MappingError: mapped.Error),
            };
            return outcome with { TimePosition = position };
        }
        catch (Exception ex) when (HuntPass.IsRecoverable(ex))
        {
            return new RecordOutcome(item, hash, Failure: ex.Message);
        }
    }

    /// <summary>Drops the rules whose raw checks rule the record out, so that a record none is left for is not mapped.</summary>
    private static IReadOnlyList<PreparedRule> PassingRawChecks(JsonObject record, IReadOnlyList<PreparedRule> rules)
    {
        var passing = 0;
        foreach (var rule in rules)
        {
            passing += rule.MayMatch(record) ? 1 : 0;
        }

        return passing == rules.Count ? rules : [.. rules.Where(rule => rule.MayMatch(record))];
    }

    private static List<PreparedRule> Detect(EcsDocument document, IReadOnlyList<PreparedRule> rules)
    {
        var matches = new List<PreparedRule>();
        foreach (var rule in rules)
        {
            if (rule.Window.Contains(document) && rule.Matches(document))
            {
                matches.Add(rule);
            }
        }

        return matches;
    }

    private static TopLevelValue TopLevel(JsonObject record, string key) => record[key] switch
    {
        null when !record.ContainsKey(key) => TopLevelValue.Absent,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => new TopLevelValue(TopLevelValueKind.String, value.GetValue<string>()),
        _ => TopLevelValue.Other,
    };
}
