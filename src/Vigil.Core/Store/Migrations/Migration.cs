using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>
/// One forward step of the store schema: it moves <c>PRAGMA user_version</c> from
/// <c>Version - 1</c> to <paramref name="Version"/>.
/// </summary>
/// <param name="Version">The schema version after this step; steps are numbered 1, 2, 3 … without gaps.</param>
/// <param name="Name">What the step adds, shown in errors.</param>
/// <param name="Apply">Changes the schema inside the transaction the runner opened; it must not commit.</param>
internal sealed record Migration(int Version, string Name, Action<SqliteConnection, SqliteTransaction> Apply)
{
    /// <summary>Creates a step that runs one SQL script.</summary>
    public static Migration Sql(int version, string name, string script) =>
        new(version, name, (connection, transaction) => StoreCommands.Execute(connection, transaction, script));
}
