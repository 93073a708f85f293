using System.Diagnostics;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Runs query rules over CloudTrail files: read → map → detect → alert, in batches of records on worker threads, counted in file order.
/// </summary>
/// <remarks>
/// A hunt is one rule execution over all the data, so it writes one alert per (rule, event) match and
/// applies no <c>max_signals</c> cap. A bad record or file is counted and reported, never fatal.
/// </remarks>
public sealed class HuntEngine
{
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
        summary.HasTimeRange = options.From is not null || options.To is not null;
        var warnings = new List<RuleNotice>();
        foreach (var rule in runnable)
        {
            summary.InitRule(rule.Rule);
            if (RuleExceptionLists.Warning(rule.Rule) is { } warning)
            {
                warnings.Add(new RuleNotice(rule.Rule, warning));
                listener?.RuleWarning(rule.Rule, warning);
            }
        }

        summary.RuleWarnings = warnings;

        var (found, unlistedFolders) = InputFiles(options);
        var excluded = options.ExcludedFiles.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var files = found.Where(file => !excluded.Contains(Path.GetFullPath(file))).ToList();
        foreach (var folder in unlistedFolders)
        {
            listener?.FolderNotListed(folder);
        }

        summary.FoldersNotListed = unlistedFolders.Count;

        using var pass = new HuntPass(runnable, sink, summary, listener ?? NullListener.Instance, executionTime, options);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pass.ReadFile(files[i], i, files.Count, cancellationToken);
        }

        pass.Complete();
        summary.Files = files.Count;
        summary.Elapsed = stopwatch.Elapsed;
        return summary;
    }

    /// <summary>
    /// Returns the files to read and, apart from them, the folders that could not be listed. A folder
    /// gives no record, so it is reported as a path not read, not as an error record of a file.
    /// </summary>
    private static (IReadOnlyList<string> Files, IReadOnlyList<UnlistedFolder> UnlistedFolders) InputFiles(HuntOptions options)
    {
        if (options.Files is { } files)
        {
            return (files, options.UnlistedFolders);
        }

        var unlistedFolders = new List<UnlistedFolder>();
        return (PathExpansion.Expand(options.Paths, unlistedFolders), unlistedFolders);
    }

    private sealed class NullListener : IHuntListener
    {
        public static readonly NullListener Instance = new();
    }
}
