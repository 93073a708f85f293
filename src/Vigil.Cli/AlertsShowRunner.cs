using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Output;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil alerts show</c> and <c>vigil alerts set-status</c>.</summary>
internal static class AlertsShowRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Show(string? data, string id)
    {
        using var store = StoreOption.TryOpenExisting(data, out var error, readOnly: true);
        if (store is null)
        {
            return StoreCommandErrors.Usage("alerts show", error);
        }

        if (AlertIdPrefix.Resolve(store, id, out error) is not { } fullId || store.FindAlert(fullId) is not { } alert)
        {
            return StoreCommandErrors.NotFound("alerts show", error);
        }

        // The JSON writer escapes control and non-ASCII characters, so the output is safe on a terminal.
        Console.Out.WriteLine(alert.Document.ToJsonString(Indented));
        return ExitCodes.Success;
    }

    public static int SetStatus(string? data, string id, string statusText)
    {
        using var store = StoreOption.TryOpenExisting(data, out var error);
        if (store is null)
        {
            return StoreCommandErrors.Usage("alerts set-status", error);
        }

        if (!AlertStatusText.TryParse(statusText, out var status))
        {
            return StoreCommandErrors.Usage("alerts set-status", $"invalid status '{statusText}': give open, acknowledged or closed");
        }

        if (AlertIdPrefix.TooShortToChange(store, id, "alerts set-status") is { } tooShort)
        {
            return StoreCommandErrors.Usage("alerts set-status", tooShort);
        }

        if (AlertIdPrefix.Resolve(store, id, out error) is not { } fullId)
        {
            return StoreCommandErrors.NotFound("alerts set-status", error);
        }

        try
        {
            if (!store.SetAlertStatus(fullId, status))
            {
                return StoreCommandErrors.NotFound("alerts set-status", error);
            }
        }
        catch (SqliteException exception) when (store.WriteRejection(exception) is { } problem)
        {
            // Opening rejects a store this user cannot write, so this is a permission changed since then.
            return StoreCommandErrors.StoreNotWritable("alerts set-status", problem);
        }

        Console.Out.WriteLine(TerminalText.Sanitize($"Alert {fullId} is now {statusText}."));
        return ExitCodes.Success;
    }
}
