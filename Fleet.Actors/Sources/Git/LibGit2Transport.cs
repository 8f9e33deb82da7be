using System.Text;
using LibGit2Sharp;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// HTTP(S) with no credentials or a username and password, through LibGit2Sharp. LibGit2Sharp's ref
/// listing takes neither extra headers nor a certificate callback, so bearer tokens and private CAs go
/// through <see cref="GitCliTransport"/> instead.
/// </summary>
public sealed class LibGit2Transport(string url, string displayUrl, GitCredentials credentials) : IGitTransport
{
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellation)
    {
        var references = await RunAsync("listing refs of", () =>
            Repository.ListRemoteReferences(url, Credentials).ToList(), cancellation);
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
            using var repository = new Repository(gitDirectory);
            var options = new FetchOptions
            {
                CredentialsProvider = Credentials,
                TagFetchMode = TagFetchMode.None,
                Depth = depth ?? 0,
                OnTransferProgress = _ => !cancellation.IsCancellationRequested,
            };
            Commands.Fetch(repository, url, refspecs, options, logMessage: null);
            return true;
        }, cancellation);

    private Credentials Credentials(string requestedUrl, string usernameFromUrl, SupportedCredentialTypes types) =>
        credentials.Username is { } username
            ? new UsernamePasswordCredentials { Username = username, Password = credentials.Password ?? "" }
            : new DefaultCredentials();

    private async Task<T> RunAsync<T>(string operation, Func<T> work, CancellationToken cancellation)
    {
        try
        {
            // libgit2 calls block and cannot all be interrupted; the caller's timeout stops the wait.
            return await Task.Run(work, CancellationToken.None).WaitAsync(cancellation);
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
