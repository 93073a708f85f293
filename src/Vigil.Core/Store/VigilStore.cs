using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>
/// Vigil's embedded store: one SQLite database, <c>vigil.db</c>, in a data directory, holding
/// events, alerts and ingest checkpoints (docs/store.md describes the schema).
/// </summary>
/// <remarks>
/// Every operation opens its own pooled connection, so one instance may be used from several
/// threads, and several processes may open the same directory: WAL mode lets readers run while one
/// writer commits, and a writer waits up to <see cref="BusyTimeout"/> for another.
/// <c>synchronous=NORMAL</c> in WAL mode never corrupts the database and loses nothing when the
/// process is killed, but a power loss may roll back the last commits. That is safe here because an
/// ingest checkpoint commits with its events, and rolled-back files are read again.
/// </remarks>
public sealed partial class VigilStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string DatabaseFileName = "vigil.db";

    /// <summary>How long a write waits for another process's write lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    // A negative cache_size is in KiB. 64 MiB keeps an ingest batch's changed pages (about 15 MiB for
    // 10,000 raw records) and the index pages its duplicate checks read, where SQLite's default of
    // 2 MiB spills the batch to the WAL before it commits.
    private const int CachePages = -65536;

    // An ECS document of a CloudTrail record is 2 to 4 KiB of JSON, so with SQLite's default 4 KiB
    // pages most rows take a page of their own (4.1 KiB per event for 2.6 KiB documents, against
    // 3.3 KiB with 16 KiB pages). Only a new database takes the page size.
    private const int PageSize = 16384;

    // SQLite's result codes SQLITE_READONLY and SQLITE_CANTOPEN.
    private const int ReadOnlyError = 8;
    private const int CannotOpenError = 14;

    private readonly string _connectionString;

    private VigilStore(string dataDirectory, TimeProvider timeProvider, SqliteOpenMode mode, bool immutable = false)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, DatabaseFileName);
        TimeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            // SQLite reads the immutable parameter only from a file: URI.
            DataSource = immutable ? new Uri(DatabasePath).AbsoluteUri + "?immutable=1" : DatabasePath,
            Mode = mode,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>The data directory, as a full path.</summary>
    public string DataDirectory { get; }

    /// <summary>The full path of <c>vigil.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Whether <paramref name="path"/> lies in the data directory, such as the database and its
    /// journal files, so that an ingest of a folder that contains the store does not read them.
    /// </summary>
    public bool Holds(string path) =>
        Path.GetFullPath(path).StartsWith(DataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The clock that stamps <c>event.ingested</c> and measures retention.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The schema version (<c>PRAGMA user_version</c>) after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// Opens the store in <paramref name="dataDirectory"/>, creating the directory and database when
    /// missing, and applies every schema step the database lacks.
    /// </summary>
    /// <exception cref="StoreException">The directory cannot be created, or the schema is newer than this Vigil or a step failed.</exception>
    public static VigilStore Open(string dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        CreateDirectory(dataDirectory);
        var store = new VigilStore(dataDirectory, timeProvider ?? TimeProvider.System, SqliteOpenMode.ReadWriteCreate);
        store.RejectDirectory();
        store.RejectUnwritable();
        store.Initialize();
        store.RememberOpenedFile();
        return store;
    }

    /// <summary>
    /// Opens the existing store in <paramref name="dataDirectory"/> for reading only: no schema
    /// step, no journal mode change and no write, so a user who cannot write the store, or a copy
    /// kept as evidence, can still read it.
    /// </summary>
    /// <exception cref="StoreException">The database is missing, a directory or unreadable, or its schema is older or newer than this Vigil's.</exception>
    public static VigilStore OpenReadOnly(string dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        var store = new VigilStore(dataDirectory, timeProvider ?? TimeProvider.System, SqliteOpenMode.ReadOnly);
        store.RejectDirectory();
        try
        {
            store.CheckSchemaReadOnly();
        }
        catch (StoreException exception) when (exception.InnerException is SqliteException { SqliteErrorCode: ReadOnlyError or CannotOpenError } && store.HasWriteAheadLog() && !File.Exists(store.DatabasePath + "-shm"))
        {
            // An immutable open would ignore the commits that are still only in the -wal file.
            throw new StoreException(
                $"The store {store.DatabasePath} has a write-ahead log ({DatabaseFileName}-wal) that SQLite can read only where it can create {DatabaseFileName}-shm, and this user cannot create files in {store.DataDirectory}. Copy the data directory to a writable place and give --data that copy, or run `sqlite3 {DatabaseFileName} 'PRAGMA wal_checkpoint'` on a writable copy to move the log into {DatabaseFileName}.",
                exception.InnerException);
        }
        catch (StoreException exception) when (exception.InnerException is SqliteException { SqliteErrorCode: ReadOnlyError or CannotOpenError } && !store.HasWriteAheadLog())
        {
            // A WAL database needs its -shm file to be read, and a reader creates it when it is
            // missing. In a directory this user cannot write that fails, so the database is read
            // as immutable instead. That is safe only without a -wal file: every process that has
            // the database open keeps one, and without it every commit is in the database file.
            store = new VigilStore(dataDirectory, store.TimeProvider, SqliteOpenMode.ReadOnly, immutable: true);
            store.CheckSchemaReadOnly();
        }

        return store;
    }

    /// <summary>Releases the pooled connections of this database, so its files can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Opens a connection with the store's settings. The caller owns it; schema owners use it for
    /// their own tables, and one transaction may span several tables.
    /// </summary>
    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        StoreCommands.Execute(connection, null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = {CachePages};");
        return connection;
    }

    /// <summary>Returns the current time as Unix epoch milliseconds.</summary>
    internal long NowMilliseconds() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private void Initialize()
    {
        try
        {
            using var connection = OpenConnection();
            RejectReadOnly(connection);
            StoreCommands.Execute(connection, null, $"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL;");
            SchemaVersion = MigrationRunner.Migrate(connection, MigrationList.All);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is ReadOnlyError or CannotOpenError && StoreWriteAccess.FindProblem(DataDirectory, DatabasePath) is { } problem)
        {
            throw new StoreException(problem, exception);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == ReadOnlyError)
        {
            // No file or folder lacks a permission, so SQLite's text is the only hint left.
            throw new StoreException(CannotWrite(exception), exception);
        }
        catch (SqliteException exception)
        {
            throw new StoreException($"The store {DatabasePath} could not be opened: {exception.Message} Check that it is a Vigil database and the directory is writable.", exception);
        }
    }

    /// <summary>
    /// Rejects a store that this user cannot write, before SQLite creates a <c>-wal</c> or
    /// <c>-shm</c> file beside a store file it then cannot write.
    /// </summary>
    private void RejectUnwritable()
    {
        if (StoreWriteAccess.FindProblem(DataDirectory, DatabasePath) is { } problem)
        {
            throw new StoreException(problem);
        }
    }

    /// <summary>
    /// Rejects a connection that SQLite opened read-only, as it does without an error when the file
    /// is write-protected, so that the first write does not fail halfway through a command.
    /// </summary>
    private void RejectReadOnly(SqliteConnection connection)
    {
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw new StoreException(StoreWriteAccess.FindProblem(DataDirectory, DatabasePath)
                ?? $"SQLite opened the store {DatabasePath} read-only, so it cannot be written. Check that this user can write it and create files in {DataDirectory}.");
        }
    }

    private bool HasWriteAheadLog() => new FileInfo(DatabasePath + "-wal") is { Exists: true, Length: > 0 };

    private void RejectDirectory()
    {
        if (Directory.Exists(DatabasePath))
        {
            throw new StoreException($"{DatabasePath} is a directory, not a Vigil database. Give --data the directory that contains the {DatabaseFileName} file, or move that directory away.");
        }
    }

    private void CheckSchemaReadOnly()
    {
        try
        {
            using var connection = OpenConnection();
            SchemaVersion = MigrationRunner.CheckCurrent(connection, MigrationList.All, DatabasePath);
        }
        catch (SqliteException exception)
        {
            throw new StoreException($"The store {DatabasePath} could not be read: {exception.Message} Check that it is a Vigil database and that you have read permission on it.", exception);
        }
    }

    private static void CreateDirectory(string dataDirectory)
    {
        if (FileOnPath(dataDirectory) is { } file)
        {
            throw new StoreException($"The data directory {dataDirectory} cannot be created, because {file} is a file, not a folder. Give the path of a folder, which is created when it is missing.");
        }

        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (UnauthorizedAccessException exception)
        {
            var fullPath = Path.GetFullPath(dataDirectory);
            throw new StoreException($"permission denied on {ExistingAncestor(fullPath)}: this user cannot create the data directory {fullPath} under it. Create the directory as a user who can and give this user write permission on it, or give --data a directory this user can write.", exception);
        }
        catch (IOException exception)
        {
            throw new StoreException($"The data directory {dataDirectory} could not be created: {exception.Message}", exception);
        }
    }

    private static string ExistingAncestor(string path)
    {
        var ancestor = Path.GetDirectoryName(path);
        while (ancestor is not null && !Directory.Exists(ancestor))
        {
            ancestor = Path.GetDirectoryName(ancestor);
        }

        return ancestor ?? path;
    }

    /// <summary>Returns <paramref name="directory"/>, or the folder above it, that exists as a file, or null.</summary>
    private static string? FileOnPath(string directory)
    {
        for (string? path = Path.GetFullPath(directory); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path))
            {
                return null;
            }

            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
