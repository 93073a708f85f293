using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>Brings a database to the newest schema version, one step per transaction.</summary>
internal static class MigrationRunner
{
    /// <summary>
    /// Applies every step newer than the database's <c>PRAGMA user_version</c> and returns the
    /// version reached. A step that fails rolls back alone, so the database keeps the last good version.
    /// </summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<Migration> steps)
    {
        CheckOrder(steps);

        var version = CurrentVersion(connection);
        var newest = steps.Count == 0 ? 0 : steps[^1].Version;
        if (version > newest)
        {
            throw NewerSchema(version, newest);
        }

        foreach (var step in steps.Where(s => s.Version > version))
        {
            Apply(connection, step);
        }

        return CurrentVersion(connection);
    }

    /// <summary>
    /// Returns the database's schema version when it is the newest of <paramref name="steps"/>,
    /// without applying any step, for a store opened read-only.
    /// </summary>
    /// <exception cref="StoreException">The version is older or newer than the newest step.</exception>
    public static int CheckCurrent(SqliteConnection connection, IReadOnlyList<Migration> steps, string databasePath)
    {
        var version = CurrentVersion(connection);
        var newest = steps.Count == 0 ? 0 : steps[^1].Version;
        if (version > newest)
        {
            throw NewerSchema(version, newest);
        }

        if (version < newest)
        {
            throw new StoreException(
                $"The store {databasePath} has schema version {version} and this Vigil reads version {newest}, but this command only reads the store and does not upgrade it. A command that writes the store, such as 'vigil ingest' or 'vigil serve', upgrades it; to keep an evidence copy unchanged, upgrade another copy of the data directory.");
        }

        return version;
    }

    /// <summary>Returns the database's <c>PRAGMA user_version</c>.</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        Convert.ToInt32(StoreCommands.Scalar(connection, transaction, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    private static void Apply(SqliteConnection connection, Migration step)
    {
        // BEGIN IMMEDIATE takes the write lock first, so two processes opening one store at once
        // apply each step once: the second waits, then reads the new version and skips it.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (CurrentVersion(connection, transaction) >= step.Version)
        {
            return;
        }

        try
        {
            step.Apply(connection, transaction);
        }
        catch (SqliteException exception)
        {
            throw new StoreException($"Schema step {step.Version} ({step.Name}) failed: {exception.Message}", exception);
        }

        // PRAGMA takes no parameters; the version is an int from code, never input.
        StoreCommands.Execute(connection, transaction, $"PRAGMA user_version = {step.Version}");
        transaction.Commit();
    }

    private static StoreException NewerSchema(int version, int newest) =>
        new($"The store's schema version {version} is newer than this Vigil understands (version {newest}); use a newer Vigil or another data directory.");

    private static void CheckOrder(IReadOnlyList<Migration> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema step '{steps[i].Name}' has version {steps[i].Version} at position {i + 1}; number steps 1, 2, 3 … in list order.");
            }
        }
    }
}
