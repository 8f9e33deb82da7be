namespace Fleet.Actors.Sources.Git;

/// <summary>The commit a fetch resolved to, its Flux revision, and whether objects had to be downloaded.</summary>
public sealed record GitFetchResult(string Revision, string Commit, bool Downloaded);
