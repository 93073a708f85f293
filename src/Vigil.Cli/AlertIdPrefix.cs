using Vigil.Store;

namespace Vigil.Cli;

/// <summary>
/// Resolves an alert id given in full or as a unique prefix, as the alert table prints the first
/// <see cref="ShortLength"/> hex digits of the 64-digit <c>kibana.alert.uuid</c>.
/// </summary>
internal static class AlertIdPrefix
{
    /// <summary>Hex digits of an id the table shows.</summary>
    public const int ShortLength = 12;

    /// <summary>
    /// The minimum number of hex digits of a prefix that a command changing an alert takes. A mistyped or
    /// stale prefix of k digits matches one of n stored alerts with a chance of about n / 16^k. In a
    /// store of 10,000 alerts, 4 digits (git's minimum) would match some alert about 15 % of the
    /// time, and 8 digits about once in 400,000 times. The table's 12 digits always qualify.
    /// </summary>
    public const int MinChangeLength = 8;

    /// <summary>
    /// Returns the usage error for <paramref name="text"/> as the id of an alert that
    /// <paramref name="command"/> changes, when it is a prefix shorter than <see cref="MinChangeLength"/>
    /// and not a whole id; null otherwise.
    /// </summary>
    public static string? TooShortToChange(VigilStore store, string text, string command)
    {
        if (text.Length >= MinChangeLength || !text.All(Uri.IsHexDigit) || store.FindAlert(text) is not null)
        {
            return null;
        }

        var digits = text.Length == 1 ? "1 hex digit" : $"{text.Length} hex digits";
        return $"alert id prefix {text} has {digits}, but 'vigil {command}' changes an alert, so it takes at least {MinChangeLength}; "
            + $"give the {ShortLength} digits that 'vigil alerts list' prints, or the full id";
    }

    /// <summary>Returns the full id that <paramref name="text"/> names, or null with the reason.</summary>
    public static string? Resolve(VigilStore store, string text, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the alert id is empty; give an id or a prefix of one, as 'vigil alerts list' prints them";
            return null;
        }

        if (store.FindAlert(text) is not null)
        {
            return text;
        }

        if (!text.All(Uri.IsHexDigit))
        {
            error = $"no alert with id {text}; 'vigil alerts list' prints the ids";
            return null;
        }

        var matches = FindByPrefix(store, text.ToLowerInvariant());
        error = matches.Count switch
        {
            0 => $"no alert with id {text}; 'vigil alerts list' prints the ids",
            1 => "",
            _ => $"alert id prefix {text} is not unique; give more digits",
        };
        return matches.Count == 1 ? matches[0] : null;
    }

    private static List<string> FindByPrefix(VigilStore store, string prefix)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();

        // The prefix holds only hex digits, so it has no GLOB wildcard; GLOB on a prefix uses the primary key index.
        command.CommandText = "SELECT id FROM alerts WHERE id GLOB $pattern LIMIT 2";
        command.Parameters.AddWithValue("$pattern", prefix + "*");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
