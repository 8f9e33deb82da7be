using System.Text;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// HTTP(S) with no credentials or a username and password, through LibGit2Sharp. LibGit2Sharp's ref
/// listing takes neither extra headers nor a certificate callback, so bearer tokens and private CAs go
/// through <see cref="GitCliTransport"/> instead.
/// </summary>
public sealed class LibGit2Transport(string url, string displayUrl, GitCredentials credentials) : IGitTransport
{
    private const string RemoteName = "origin";

    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellation)
    {
        var references = await RunAsync("listing refs of", () =>
            (Credentials is { } handler ? Repository.ListRemoteReferences(url, handler) : Repository.ListRemoteReferences(url)).ToList(), cancellation);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (!reference.CanonicalName.EndsWith("^{}", StringComparison.Ordinal) && reference.TargetIdentifier is { Length: 40 } id)
            {
                result[reference.CanonicalName] = id;
            }
        }
        return result;
    }

    public Task FetchAsync(string gitDirectory, IReadOnlyList<string> refspecs, int? depth, CancellationToken cancellation) =>
        RunAsync("fetching", () =>
        {
            var options = new FetchOptions
            {
                CredentialsProvider = Credentials,
                TagFetchMode = TagFetchMode.None,
                Depth = depth ?? 0,
                OnTransferProgress = _ => !cancellation.IsCancellationRequested,
            };
            // LibGit2Sharp 0.32 honours Depth only when cloning, so a branch's first fetch is a shallow
            // bare clone; later fetches then transfer only the commits the working copy lacks.
            if (!GitFetcher.IsRepository(gitDirectory) && depth is not null && refspecs is [var single] &&
                single.StartsWith("+refs/heads/", StringComparison.Ordinal))
            {
                var branch = single[1..single.IndexOf(':', StringComparison.Ordinal)]["refs/heads/".Length..];
                Repository.Clone(url, gitDirectory, new CloneOptions(options) { IsBare = true, BranchName = branch });
                return true;
            }
            if (!GitFetcher.IsRepository(gitDirectory))
            {
                Repository.Init(gitDirectory, isBare: true);
            }
            using var repository = new Repository(gitDirectory);
            // Commands.Fetch wants a named remote; its URL follows spec.url.
            if (repository.Network.Remotes[RemoteName] is null)
            {
                repository.Network.Remotes.Add(RemoteName, url);
            }
            else
            {
                repository.Network.Remotes.Update(RemoteName, remote => remote.Url = url);
            }
            Commands.Fetch(repository, RemoteName, refspecs, options, logMessage: null);
            return true;
        }, cancellation);

    /// <summary>None without a username, so a server asking for credentials fails at once as an authentication error.</summary>
    private CredentialsHandler? Credentials => credentials.Username is { } username
        ? (_, _, _) => new UsernamePasswordCredentials { Username = username, Password = credentials.Password ?? "" }
        : null;

    private async Task<T> RunAsync<T>(string operation, Func<T> work, CancellationToken cancellation)
    {
        try
        {
            // libgit2 calls block and cannot all be interrupted; the caller's timeout stops the wait.
            return await BlockingGitWork.RunAsync(work, cancellation);
        }
        catch (LibGit2SharpException error)
        {
            throw GitErrors.Classify(operation, displayUrl, Describe(error), credentials);
        }
    }

    private static string Describe(Exception error)
    {
        var text = new StringBuilder(error.Message);
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(": ").Append(inner.Message);
        }
        return text.ToString();
    }
}
