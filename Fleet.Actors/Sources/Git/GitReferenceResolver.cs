using Fleet.Actors.Sources.SemVer;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// Picks the ref to fetch from the remote's ref listing with Flux's precedence:
/// commit &gt; name &gt; semver &gt; tag &gt; branch (default `master`).
/// </summary>
public static class GitReferenceResolver
{
    public const string DefaultBranch = "master";

    public static ResolvedReference Resolve(GitRepositoryRef? reference, IReadOnlyDictionary<string, string> remoteRefs, string displayUrl)
    {
        reference ??= new GitRepositoryRef();
        if (!string.IsNullOrEmpty(reference.Commit))
        {
            var branch = string.IsNullOrEmpty(reference.Branch) ? null : $"refs/heads/{reference.Branch}";
            if (branch is not null && !remoteRefs.ContainsKey(branch))
            {
                throw NotFound("branch", reference.Branch!, displayUrl);
            }
            return new ResolvedReference(branch, reference.Commit.ToLowerInvariant(), branch, FullHistory: true);
        }
        if (!string.IsNullOrEmpty(reference.Name))
        {
            return Lookup(reference.Name, remoteRefs, "reference", reference.Name, displayUrl);
        }
        if (!string.IsNullOrEmpty(reference.SemVer))
        {
            return ResolveSemVer(reference.SemVer, remoteRefs, displayUrl);
        }
        if (!string.IsNullOrEmpty(reference.Tag))
        {
            return Lookup($"refs/tags/{reference.Tag}", remoteRefs, "tag", reference.Tag, displayUrl);
        }
        var name = string.IsNullOrEmpty(reference.Branch) ? DefaultBranch : reference.Branch;
        return Lookup($"refs/heads/{name}", remoteRefs, "branch", name, displayUrl);
    }

    private static ResolvedReference ResolveSemVer(string expression, IReadOnlyDictionary<string, string> remoteRefs, string displayUrl)
    {
        SemVerRange range;
        try
        {
            range = SemVerRange.Parse(expression);
        }
        catch (FormatException error)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason, $"semver parse error: {error.Message}");
        }
        var best = remoteRefs.Keys
            .Where(name => name.StartsWith("refs/tags/", StringComparison.Ordinal))
            .Select(name => (Name: name, Version: SemanticVersion.TryParse(name["refs/tags/".Length..])))
            .Where(tag => tag.Version is not null && range.Matches(tag.Version))
            .OrderByDescending(tag => tag.Version)
            .ThenBy(tag => tag.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is null)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason,
                $"no tag in {displayUrl} matches semver range '{expression}'");
        }
        return new ResolvedReference(best.Name, remoteRefs[best.Name], best.Name, FullHistory: false);
    }

    private static ResolvedReference Lookup(string fullName, IReadOnlyDictionary<string, string> remoteRefs, string what, string shown, string displayUrl) =>
        remoteRefs.TryGetValue(fullName, out var id)
            ? new ResolvedReference(fullName, id, fullName, FullHistory: false)
            : throw NotFound(what, shown, displayUrl);

    private static GitFetchException NotFound(string what, string name, string displayUrl) =>
        new(SourceConditions.GitOperationFailedReason, $"{what} '{name}' not found in {displayUrl}");
}
