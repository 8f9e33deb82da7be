namespace Fleet.Actors.Persistence;

/// <summary>The journal Fleet persists to, and how to reach it.</summary>
public sealed record PersistenceSettings(JournalKind Journal, string ConnectionString)
{
    public static PersistenceSettings SqliteIn(string dataDirectory) =>
        new(JournalKind.Sqlite, $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "fleet.db")}");

    /// <summary>The linq2db provider name for the journal.</summary>
    public string ProviderName => Journal switch
    {
        JournalKind.Sqlite => "SQLite.MS",
        JournalKind.Postgres => "PostgreSQL.15",
        _ => throw new ArgumentOutOfRangeException(nameof(Journal), Journal, null),
    };
}
