using System.Text.RegularExpressions;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Git;

/// <summary>Turns what libgit2 or the git CLI reported into a Flux reason and a message without credentials.</summary>
public static partial class GitErrors
{
    private static readonly string[] AuthenticationSigns =
    [
        "authentication", "permission denied", "host key verification failed",
        "could not read username", "could not read password", "mechanism for credentials", "unauthorized", "remote host identification has changed",
    ];

    [GeneratedRegex(@"\b40[13]\b")]
    private static partial Regex StatusCode();

    public static GitFetchException Classify(string operation, string displayUrl, string detail, GitCredentials credentials)
    {
        var text = credentials.Redact(detail.Trim());
        var lower = text.ToLowerInvariant();
        // Whole-word status codes only: a port such as 44013 in a URL must not read as 401.
        if (AuthenticationSigns.Any(sign => lower.Contains(sign, StringComparison.Ordinal)) || StatusCode().IsMatch(lower))
        {
            return new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"{operation} {displayUrl}: authentication failed; check the credentials in the GitRepository's secretRef ({text})");
        }
        return new GitFetchException(SourceConditions.GitOperationFailedReason, $"{operation} {displayUrl}: {text}");
    }
}
