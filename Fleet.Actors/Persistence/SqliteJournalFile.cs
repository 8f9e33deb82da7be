using Microsoft.Data.Sqlite;

namespace Fleet.Actors.Persistence;

/// <summary>Prepares a SQLite journal file before the actor system opens it.</summary>
public static class SqliteJournalFile
{
    /// <summary>
    /// Switches the file to write-ahead logging (a property of the file, so once is enough): readers no
    /// longer block the writer, which matters when entities recover while others persist.
    /// </summary>
    public static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
