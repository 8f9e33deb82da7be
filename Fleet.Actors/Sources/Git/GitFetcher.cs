using Fleet.Messages.Api.Source;
using LibGit2Sharp;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// Resolves a GitRepository's ref on the remote and fetches it into a bare working copy kept per
/// object: one ref listing, then a shallow fetch only when the advertised object is not already there.
/// </summary>
public static class GitFetcher
{
    public static async Task<GitFetchResult> FetchAsync(GitFetchRequest request, CancellationToken cancellation)
    {
        var url = ParseUrl(request.Url);
        var display = DisplayUrl(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(request.Timeout);
        try
        {
            var transport = TransportFor(url, display, request.Credentials);
            var remoteRefs = await transport.ListAsync(timeout.Token);
            var resolved = GitReferenceResolver.Resolve(request.Reference, remoteRefs, display);
            var downloaded = await EnsureObjectsAsync(request, transport, resolved, timeout.Token);
            var commit = PeelToCommit(request.WorkingCopy, resolved, display);
            return new GitFetchResult(GitRevision.Format(resolved.RevisionRef, commit), commit, downloaded);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason,
                $"git operation on {display} timed out after {request.Timeout.TotalSeconds:0.#}s; check that the host is reachable or raise spec.timeout");
        }
    }

    /// <summary>Validates the URL as Flux requires (http, https or ssh with a host); a bad one is a URLInvalid error.</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https" or "ssh") || url.Host.Length == 0)
        {
            throw new GitFetchException(SourceConditions.URLInvalidReason,
                $"invalid URL '{DisplayText(text)}': it must start with http://, https:// or ssh:// and name a host");
        }
        return url;
    }

    /// <summary>The URL without any user information, safe to show.</summary>
    public static string DisplayUrl(Uri url) => new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');

    private static string DisplayText(string text)
    {
        var at = text.IndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? text[..(scheme + 3)] + text[(at + 1)..] : text;
    }

    internal static IGitTransport TransportFor(Uri url, string display, GitCredentials credentials) =>
        url.Scheme == "ssh" || credentials.BearerToken is not null || credentials.CaCertificate is not null
            ? new GitCliTransport(url.ToString(), display, credentials)
            : new LibGit2Transport(url.ToString(), display, credentials);

    private static async Task<bool> EnsureObjectsAsync(GitFetchRequest request, IGitTransport transport, ResolvedReference resolved, CancellationToken cancellation)
    {
        // A working copy left broken (a crash mid-clone, a full disk) is only a cache: start it afresh.
        if (Directory.Exists(request.WorkingCopy) && !Repository.IsValid(request.WorkingCopy))
        {
            Directory.Delete(request.WorkingCopy, recursive: true);
        }
        if (IsRepository(request.WorkingCopy) && HasObject(request.WorkingCopy, resolved.ObjectId))
        {
            return false;
        }
        var refspecs = resolved.FetchRef is { } reference
            ? new[] { $"+{reference}:{reference}" }
            : ["+refs/heads/*:refs/heads/*"];
        await transport.FetchAsync(request.WorkingCopy, refspecs, resolved.FullHistory ? null : 1, cancellation);
        return true;
    }

    /// <summary>Whether the working copy exists; transports create it on first fetch.</summary>
    public static bool IsRepository(string gitDirectory) => Directory.Exists(Path.Combine(gitDirectory, "objects"));

    private static bool HasObject(string gitDirectory, string id)
    {
        using var repository = new Repository(gitDirectory);
        return ObjectId.TryParse(id, out var objectId) && repository.ObjectDatabase.Contains(objectId);
    }

    private static string PeelToCommit(string gitDirectory, ResolvedReference resolved, string display)
    {
        using var repository = new Repository(gitDirectory);
        var target = ObjectId.TryParse(resolved.ObjectId, out var id) ? repository.Lookup(id) : null;
        for (var hops = 0; target is TagAnnotation tag && hops < 10; hops++)
        {
            target = tag.Target;
        }
        var commit = target as Commit;
        if (commit is null)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason,
                resolved.FetchRef is null || resolved.FullHistory
                    ? $"commit '{resolved.ObjectId}' not found in {display}"
                    : $"'{resolved.FetchRef}' in {display} does not point at a commit");
        }
        if (resolved.FullHistory && resolved.FetchRef is { } branch && repository.Refs[branch] is { } head &&
            repository.ObjectDatabase.FindMergeBase(commit, repository.Lookup<Commit>(head.TargetIdentifier)) != commit)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason,
                $"commit '{resolved.ObjectId}' is not on branch '{GitRevision.ShortName(branch)}' in {display}");
        }
        return commit.Sha;
    }
}
