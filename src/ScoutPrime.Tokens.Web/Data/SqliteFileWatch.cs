using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScoutPrime.Tokens.Web.Data;

/// <summary>
/// Notices that the SQLite file was moved, deleted or replaced under the running application, and drops every
/// pooled connection, which would otherwise keep reading and writing the old file (or fail) until a restart.
/// Checked each time EF Core opens a connection (one stat of the file), and whenever opening one fails.
/// </summary>
public sealed partial class SqliteFileWatch : DbConnectionInterceptor
{
    // sqlite3.h: SQLITE_FCNTL_HAS_MOVED, "the file has been renamed or unlinked since it was opened".
    private const int HasMovedOperation = 20;

    private static int _generation;

    /// <summary>Changes each time the pools are dropped: connections kept outside the pools compare it to let go of theirs.</summary>
    public static int Generation => Volatile.Read(ref _generation);

    /// <summary>Drops every pooled SQLite connection; the next open reads the file that is there now.</summary>
    public static void DropConnections()
    {
        Interlocked.Increment(ref _generation);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>True when this open connection's file is no longer the one at its path.</summary>
    public static bool HasMoved(SqliteConnection connection)
    {
        var moved = 0;
        return sqlite3_file_control(connection.Handle!.DangerousGetHandle(), IntPtr.Zero, HasMovedOperation, ref moved) == 0 && moved != 0;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Reopen(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Reopen(connection);
        return Task.CompletedTask;
    }

    // No file to open: connections kept open elsewhere (the API's prepared statements) must not read the one moved away.
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => DropConnections();

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropConnections();
        return Task.CompletedTask;
    }

    private static void Reopen(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && HasMoved(sqlite))
        {
            // Closing hands this connection back to a cleared pool, which disposes it; opening reads the path again,
            // and fails (a 503) while no file is there.
            DropConnections();
            sqlite.Close();
            sqlite.Open();
        }
    }

    // The native library Microsoft.Data.Sqlite loads; SQLitePCLRaw does not wrap sqlite3_file_control.
    [DllImport("e_sqlite3")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sqlite3_file_control(IntPtr db, IntPtr databaseName, int operation, ref int result);
}
