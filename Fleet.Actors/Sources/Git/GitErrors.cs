using System.Text.RegularExpressions;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Git;

/// <summary>Turns what libgit2 or the git CLI reported into a Flux reason and a message without credentials.</summary>
public static partial class GitErrors
{
    private static readonly string[] AuthenticationSigns =
    [
        "authentication", "permission denied", "could not read username", "could not read password",
        "mechanism for credentials", "unauthorized",
    ];

    private static readonly string[] HostKeySigns = ["host key verification failed", "remote host identification has changed"];

    [GeneratedRegex(@"\b40[13]\b")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"SHA256:[A-Za-z0-9+/]+")]
    private static partial Regex Fingerprint();

    public static GitFetchException Classify(string operation, string displayUrl, string detail, GitCredentials credentials)
    {
        // git's failed attempt to prompt (GIT_ASKPASS=/bin/false) says nothing a person can act on.
        var lines = credentials.Redact(detail.Trim()).Split('\n').Where(line => !line.Contains("askpass", StringComparison.OrdinalIgnoreCase));
        var text = string.Join('\n', lines).Trim();
        var lower = text.ToLowerInvariant();
        if (HostKeySigns.Any(sign => lower.Contains(sign, StringComparison.Ordinal)))
        {
            return HostKeyMismatch(operation, displayUrl, text);
        }
        // Whole-word status codes only: a port such as 44013 in a URL must not read as 401.
        if (AuthenticationSigns.Any(sign => lower.Contains(sign, StringComparison.Ordinal)) || StatusCode().IsMatch(lower))
        {
            return new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"{operation} {displayUrl}: authentication failed; check the credentials in the GitRepository's secretRef ({text})");
        }
        var hint = lower.Contains("certificate", StringComparison.Ordinal)
            ? "; if the server's certificate is signed by a private CA, put that CA in 'ca.crt' of the GitRepository's secretRef"
            : "";
        return new GitFetchException(SourceConditions.GitOperationFailedReason, $"{operation} {displayUrl}: {text}{hint}");
    }

    /// <summary>
    /// ssh's own text is a banner naming temporary file paths; what a person needs is which host, which key
    /// the server offered, and where the expected key goes.
    /// </summary>
    private static GitFetchException HostKeyMismatch(string operation, string displayUrl, string text)
    {
        var host = Uri.TryCreate(displayUrl, UriKind.Absolute, out var url) ? url : null;
        var entry = host is null ? "the server" : host.Port is 22 or -1 ? host.Host : $"[{host.Host}]:{host.Port}";
        var offered = Fingerprint().Match(text) is { Success: true } fingerprint ? $" (the server offered {fingerprint.Value.TrimEnd('.')})" : "";
        return new GitFetchException(SourceConditions.AuthenticationFailedReason,
            $"{operation} {displayUrl}: host key verification failed: no key for {entry} in 'known_hosts' of the GitRepository's secretRef " +
            $"matches the server's host key{offered}; add the server's public key there");
    }
}
