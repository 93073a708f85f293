using Spectre.Console;
using Spectre.Console.Rendering;
using Vigil.Alert;
using Vigil.Serve;
using Vigil.Output;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil alerts list</c>: filters the stored alerts and prints them as a table or NDJSON.</summary>
internal static class AlertsListRunner
{
    /// <summary>Rows a table shows at most; NDJSON prints every alert.</summary>
    public const int MaxTableRows = 1000;

    /// <summary>
    /// Maximum columns of a value in the table and the block layout, the ellipsis included. It
    /// leaves room for a long ARN and stops an attacker's 100 KB CloudTrail value from flooding the
    /// terminal or a piped table, which may be 4,096 columns wide.
    /// </summary>
    public const int MaxValueColumns = 512;

    // The width from which the Created column is shown (its 24 characters and border).
    private const int WidthForCreated = 140;

    public static int Run(string? data, AlertsListArguments arguments)
    {
        using var store = StoreOption.TryOpenExisting(data, out var error, readOnly: true);
        if (store is null)
        {
            return StoreCommandErrors.Usage("alerts list", error);
        }

        if (!TryFindRuleId(store, arguments.Rule, out var ruleId, out error))
        {
            return StoreCommandErrors.NotFound("alerts list", error);
        }

        if (!TryBuildFilter(store, arguments, ruleId, out var filter, out error))
        {
            return StoreCommandErrors.Usage("alerts list", error);
        }

        if (arguments.Format == "ndjson")
        {
            WriteNdjson(store.StreamAlerts(filter));
        }
        else
        {
            WriteTable(store.StreamAlerts(filter with { Limit = MaxTableRows + 1 }));
        }

        return ExitCodes.Success;
    }

    /// <summary>Resolves <c>--rule</c> as <c>vigil rules run</c> does: a rule_id, saved-object id or unique name.</summary>
    private static bool TryFindRuleId(VigilStore store, string? rule, out string? ruleId, out string error)
    {
        ruleId = null;
        error = "";
        if (rule is null)
        {
            return true;
        }

        ruleId = RuleCatalog.FindRuleId(new RuleScheduler(store).Status(), rule, out error);
        return ruleId is not null;
    }

    private static bool TryBuildFilter(VigilStore store, AlertsListArguments arguments, string? ruleId, out AlertFilter filter, out string error)
    {
        filter = new AlertFilter { RuleId = ruleId, Severity = arguments.Severity };
        error = "";
        // The parser accepts only the three status words, so TryParse succeeds here.
        if (arguments.Status is not null && AlertStatusText.TryParse(arguments.Status, out var status))
        {
            filter = filter with { Status = status };
        }

        if (arguments.Since is null)
        {
            return true;
        }

        if (!TimeArgument.TryParse(arguments.Since, store.TimeProvider.GetUtcNow(), out var since, out error))
        {
            error = $"--since: {error}";
            return false;
        }

        filter = filter with { Since = since };
        return true;
    }

    private static void WriteNdjson(IEnumerable<StoredAlert> alerts)
    {
        // The JSON writer escapes control and non-ASCII characters, so the output is safe on a terminal.
        using var output = new StandardOutputWriter(new StreamWriter(ClosedPipe.StandardOutput()) { NewLine = "\n" });
        foreach (var alert in alerts)
        {
            output.WriteLine(alert.Document.ToJsonString());
        }
    }

    private static void WriteTable(IEnumerable<StoredAlert> alerts)
    {
        var console = CliConsoles.StandardOutput();
        string[] headers = ["Id", "Created", "Status", "Severity", "Rule", "Event time", "User", "Source", "Action"];

        // Each alert is read, turned into its row and let go: an alert repeats its rule's parameters,
        // and a thousand alerts of a rule with a 1 MB query held 2 GB as documents.
        var rows = new List<string[]>();
        var count = 0;
        foreach (var alert in alerts)
        {
            count++;
            if (rows.Count < MaxTableRows)
            {
                rows.Add(Cells(alert));
            }
        }

        // Nine columns with borders do not fit a narrow terminal: below this width the table leaves
        // out the creation time, and below the width the rest need, each alert is a block of lines,
        // which has room for every field.
        var (tableHeaders, tableRows) = console.Profile.Width >= WidthForCreated
            ? (headers, rows)
            : (WithoutCreated(headers), rows.Select(WithoutCreated).ToList());
        if (NarrowTable.Width(tableHeaders, tableRows) <= console.Profile.Width)
        {
            var table = new Table().AddColumn(new TableColumn(tableHeaders[0]).NoWrap());
            table.AddColumns(tableHeaders[1..]);
            foreach (var row in tableRows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToList());
            }

            console.Write(table);
        }
        else
        {
            // The table often does not fit because of one long value, which a block prints on a line of its own.
            NarrowTable.WriteBlocks(console.Profile.Out.Writer, headers, rows, console.Profile.Width);
            console.WriteLine();
        }

        console.WriteLine(count > MaxTableRows
            ? $"Showing the first {MaxTableRows} alerts; use --format ndjson for all."
            : count == 1 ? "1 alert." : $"{count} alerts.");
    }

    /// <summary>Returns the cells of a row, or the headers, without the Created column, the second.</summary>
    private static string[] WithoutCreated(string[] cells) => [cells[0], .. cells[2..]];

    private static string[] Cells(StoredAlert alert)
    {
        var row = AlertRow.From(alert.Document);
        var id = alert.Id.Length > AlertIdPrefix.ShortLength ? alert.Id[..AlertIdPrefix.ShortLength] : alert.Id;
        string[] cells = [id, KibanaTime.Format(alert.Created), AlertStatusText.Format(alert.Status), alert.Severity, row.Rule, row.Time, row.User, row.Source, row.Action];
        return [.. cells.Select(cell => TerminalValue.Shorten(TerminalText.Sanitize(cell), MaxValueColumns))];
    }
}
