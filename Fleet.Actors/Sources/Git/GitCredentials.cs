using System.Text;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// Credentials read from a GitRepository's Secret: `username`+`password` or `bearerToken` for HTTP(S),
/// `identity`+`known_hosts` (and optional `password` for the key) for SSH, `ca.crt` for a private CA. A TLS client
/// certificate (`tls.crt`, `tls.key`) and GitHub App data are refused, never ignored.
/// </summary>
public sealed record GitCredentials(
    string? Username = null,
    string? Password = null,
    string? BearerToken = null,
    string? Identity = null,
    string? KnownHosts = null,
    string? CaCertificate = null)
{
    public static GitCredentials None { get; } = new();

    /// <summary>Reads and validates the Secret's data for the URL's scheme, as Flux does; a missing key is an AuthenticationFailed error.</summary>
    public static GitCredentials FromSecret(string secretName, IReadOnlyDictionary<string, byte[]>? data, Uri url)
    {
        string? Get(string key) => data is not null && data.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;
        var credentials = new GitCredentials(Get("username"), Get("password"), Get("bearerToken"), Get("identity"), Get("known_hosts"), Get("ca.crt"));
        if (Get("githubAppID") is not null)
        {
            // Flux's own check: GitHub App data only works with provider github, which Fleet refuses.
            throw new GitFetchException(SourceConditions.InvalidProviderConfigurationReason,
                $"secretRef '{secretName}' has github app data but provider is not set to github");
        }
        if (url.Scheme != "ssh" && (Get("tls.crt") is not null || Get("tls.key") is not null))
        {
            // Flux reads a client certificate for HTTPS only. A Secret's content does not change the generation, so this
            // is a failure that retries, not a stall.
            throw new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"a TLS client certificate ('tls.crt', 'tls.key' in Secret '{secretName}') is not supported by this version of Fleet yet");
        }
        if (url.Scheme == "ssh")
        {
            Require(credentials.Identity, "identity", "ssh", secretName);
            Require(credentials.KnownHosts, "known_hosts", "ssh", secretName);
        }
        else if (credentials.Username is not null && credentials.Password is null)
        {
            Require(credentials.Password, "password", "http", secretName);
        }
        else if (credentials.Password is not null && credentials.Username is null)
        {
            Require(credentials.Username, "username", "http", secretName);
        }
        return credentials;
    }

    private static void Require(string? value, string key, string kind, string secretName)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"invalid '{kind}' auth option: '{key}' is required in Secret '{secretName}'");
        }
    }

    /// <summary>Every secret value, to scrub from any text shown to a person.</summary>
    public IEnumerable<string> SecretValues()
    {
        var basic = Username is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        return new[] { Password, BearerToken, Identity, basic }.Where(value => !string.IsNullOrEmpty(value)).Select(value => value!);
    }

    /// <summary>Removes every credential from <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in SecretValues())
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
            foreach (var line in secret.Split('\n').Where(line => line.Trim().Length >= 8))
            {
                text = text.Replace(line.Trim(), "***", StringComparison.Ordinal);
            }
        }
        return text;
    }

    public override string ToString() => "GitCredentials { *** }";
}
