using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Runs query rules over CloudTrail files: read → map → detect → alert, one record at a time.
/// </summary>
/// <remarks>
/// A hunt is one rule execution over all the data, so it writes one alert per (rule, event) match and
/// applies no <c>max_signals</c> cap. A bad record or file is counted and reported, never fatal.
/// </remarks>
public sealed class HuntEngine
{
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    private readonly IReadOnlyList<DetectionRule> _rules;
    private readonly TimeProvider _clock;

    public HuntEngine(IReadOnlyList<DetectionRule> rules, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(rules);

        _rules = rules;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Hunts through <see cref="HuntOptions.Paths"/> and writes each alert to <paramref name="sink"/>.</summary>
    public HuntSummary Run(HuntOptions options, IAlertSink sink, IHuntListener? listener = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);

        var stopwatch = Stopwatch.StartNew();
        var summary = new HuntSummary();
        var executionTime = _clock.GetUtcNow();

        var (runnable, skipped) = RulePreparation.Prepare(_rules, options, FieldMapping.CloudTrail);
        summary.RulesRun = [.. runnable.Select(r => r.Rule)];
        summary.RulesSkipped = skipped;
        foreach (var rule in runnable)
        {
            summary.InitRule(rule.Rule);
        }

        var files = CloudTrailReader.ExpandPaths(options.Paths);
        var pass = new HuntPass(runnable, sink, summary, listener ?? NullListener.Instance, executionTime);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pass.ReadFile(files[i], i, files.Count, cancellationToken);
        }

        summary.Files = files.Count;
        summary.Elapsed = stopwatch.Elapsed;
        return summary;
    }

    private sealed class NullListener : IHuntListener
    {
        public static readonly NullListener Instance = new();
    }

    /// <summary>State of one run over the files: the reader, duplicate filter and counters.</summary>
    private sealed class HuntPass(
        IReadOnlyList<PreparedRule> rules,
        IAlertSink sink,
        HuntSummary summary,
        IHuntListener listener,
        DateTimeOffset executionTime)
    {
        private readonly CloudTrailReader _reader = new();
        private readonly DuplicateFilter _duplicates = new();

        public void ReadFile(string path, int index, int count, CancellationToken cancellationToken)
        {
            listener.FileStarted(path, index, count);

            foreach (var item in _reader.ReadFile(path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                summary.Records++;
                HuntMetrics.RecordsRead.Add(1);
                Handle(item);
            }

            listener.FileFinished(path, FileLength(path));
        }

        private void Handle(ReadItem item)
        {
            switch (item.Outcome)
            {
                case ReadOutcome.Error:
                    CountError(item);
                    return;

                case ReadOutcome.Skipped:
                    CountSkip(item.Reason ?? "skipped");
                    return;

                default:
                    HandleRecord(item);
                    return;
            }
        }

        private void HandleRecord(ReadItem item)
        {
            var record = item.Record!;
            if (_duplicates.IsDuplicate(record))
            {
                CountSkip(DuplicateReason);
                return;
            }

            // Elastic indexes a document even when a processor fails (event.kind: pipeline_error),
            // and rules still match its other fields, so it is an event here too, and reported.
            var mapped = CloudTrailMapper.Map(record);
            if (mapped.Error is not null)
            {
                summary.EventsWithMappingErrors++;
                listener.MappingFailed(item with { Record = null, Reason = mapped.Error });
            }

            summary.Events++;
            HuntMetrics.Events.Add(1);
            Detect(mapped.Document);
        }

        private void Detect(EcsDocument document)
        {
            foreach (var rule in rules)
            {
                if (!rule.Window.Contains(document) || !rule.Matches(document))
                {
                    continue;
                }

                JsonObject alert = AlertBuilder.Build(rule.Rule, document, executionTime);
                summary.CountAlert(rule.Rule);
                HuntMetrics.Alerts.Add(1, new KeyValuePair<string, object?>("rule_id", rule.Rule.RuleId));
                sink.Write(rule.Rule, alert);
            }
        }

        private void CountError(ReadItem error)
        {
            summary.Errors++;
            HuntMetrics.Errors.Add(1);
            listener.RecordFailed(error);
        }

        private void CountSkip(string reason)
        {
            summary.CountSkip(reason);
            HuntMetrics.Skipped.Add(1);
        }

        private static long FileLength(string path)
        {
            try
            {
                return new FileInfo(path).Length;
            }
            catch (IOException)
            {
                return 0;
            }
        }
    }
}
