using Microsoft.Extensions.Logging;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// Logs the watched folders of <c>vigil serve</c> that are missing at start, and each change while
/// it runs: one warning when a folder disappears and one information line when it appears, not one
/// line per scan.
/// </summary>
/// <remarks>The state outlives a folder watcher restarted after a failure, so a restart logs nothing again.</remarks>
internal sealed class WatchedFolderLog(ILogger logger)
{
    private readonly Dictionary<string, bool> _exists = new(StringComparer.Ordinal);

    /// <summary>Records whether each folder exists at start, and warns about each that does not.</summary>
    public void ReportStart(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            var exists = Directory.Exists(folder);
            _exists[folder] = exists;
            if (!exists)
            {
                ServeLog.FolderMissing(logger, TerminalText.Sanitize(folder));
            }
        }
    }

    /// <summary>Logs <paramref name="folder"/> when it exists at this scan and did not at the previous one, or the other way round.</summary>
    public void Check(string folder, bool exists)
    {
        if (_exists.TryGetValue(folder, out var existed) && existed == exists)
        {
            return;
        }

        _exists[folder] = exists;
        var text = TerminalText.Sanitize(folder);
        if (exists)
        {
            ServeLog.FolderAppeared(logger, text);
            return;
        }

        ServeLog.FolderGone(logger, text);
    }
}
