namespace Fleet.Actors.Sources.Git;

/// <summary>
/// What a GitRepository's ref resolved to on the remote: the full ref name to fetch (null for a bare
/// commit), the object the remote advertises for it (a tag object for annotated tags, or the commit
/// asked for), and the name to show in the revision.
/// </summary>
public sealed record ResolvedReference(string? FetchRef, string ObjectId, string? RevisionRef, bool FullHistory);
