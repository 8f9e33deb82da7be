namespace Fleet.Actors.Persistence;

/// <summary>Where entities keep their journal and snapshots.</summary>
public enum JournalKind
{
    /// <summary>A SQLite file: one node, or several nodes in one process (tests).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every node of a cluster.</summary>
    Postgres,
}
