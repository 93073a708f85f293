using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>
/// Lists the rule files under the <c>--rules</c> paths of <c>vigil serve</c> and reads only the
/// files that are new or whose size or write time changed since the previous scan, so a scan at
/// every scheduler step costs one listing and one stat per file.
/// </summary>
internal sealed class RuleFileScan(IReadOnlyList<string> paths)
{
    private Dictionary<string, ScannedRuleFile> _files = new(StringComparer.Ordinal);

    public RuleFileScanResult Scan()
    {
        var listingErrors = new List<RuleLoadError>();
        var skipped = new List<RuleWarning>();
        var listed = RuleFiles.Find(paths, listingErrors, skipped);
        var files = new Dictionary<string, ScannedRuleFile>(StringComparer.Ordinal);
        var read = new List<ScannedRuleFile>();
        foreach (var file in listed)
        {
            // The stamp is taken before the file is read, so a write during the read changes the
            // stamp again and the next scan reads the file once more.
            var stamp = RuleFileStamp.Read(file);
            if (_files.TryGetValue(file, out var known) && known.Stamp == stamp)
            {
                files[file] = known;
                continue;
            }

            var scanned = new ScannedRuleFile(file, stamp, RuleLoader.LoadPaths([file]), IsNew: known is null);
            files[file] = scanned;
            read.Add(scanned);
        }

        var removed = new List<ScannedRuleFile>();
        foreach (var (file, known) in _files.Where(entry => !files.ContainsKey(entry.Key)))
        {
            // A file missing from the listing because its folder could not be listed this time is
            // still there, so it keeps its rules.
            if (File.Exists(file))
            {
                files[file] = known;
            }
            else
            {
                removed.Add(known);
            }
        }

        _files = files;
        var ordered = files.Values.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
        return new RuleFileScanResult(ordered, read, removed, listingErrors, skipped);
    }
}
