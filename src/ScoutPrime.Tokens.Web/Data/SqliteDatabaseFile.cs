using Microsoft.Data.Sqlite;

namespace ScoutPrime.Tokens.Web.Data;

/// <summary>
/// The SQLite file. Only the first start creates it, readable by its owner alone (it holds the Data Protection keys);
/// the application opens it without the create flag, so a file taken away is an outage, never a new empty database.
/// </summary>
public static class SqliteDatabaseFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The connection string the application runs with: an existing file only.</summary>
    public static string ForRunTime(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (PathOf(csb) is not null && csb.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            csb.Mode = SqliteOpenMode.ReadWrite;
        }

        return csb.ToString();
    }

    /// <summary>The file a connection string names, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString) => PathOf(new SqliteConnectionStringBuilder(connectionString));

    /// <summary>
    /// Creates the empty database file, owner-only from its first byte, and returns true; false when it exists
    /// (another instance may have won the race). An existing file, and its -wal and -shm, lose any access by others.
    /// </summary>
    public static bool CreateIfMissing(string path)
    {
        var created = false;
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            try
            {
                using var file = new FileStream(path, options);
                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            // SQLite gives the -wal and -shm it creates the database file's mode; older files may predate this rule.
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & OwnerOnly);
            }
        }

        return created;
    }

    private static string? PathOf(SqliteConnectionStringBuilder csb) =>
        csb.DataSource.Length == 0 || csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory ? null : csb.DataSource;
}
