using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Registry credentials from a `.dockerconfigjson` Secret, as Flux's keychain reads them for an OCI HelmRepository: the
/// `auths` entry of the registry's host (`host`, `https://host` or `host/path` keys), with `username`/`password` or `auth`.
/// </summary>
public static class DockerConfigCredentials
{
    public const string Key = ".dockerconfigjson";

    /// <summary>The credentials for <paramref name="registry"/>; null when the config has none for it (anonymous pulls).</summary>
    public static HelmCredentials? For(string secretName, byte[] config, Uri registry)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(config);
        }
        catch (JsonException error)
        {
            throw new HelmFetchException(
                SourceConditions.AuthenticationFailedReason, $"failed to configure OCI registry authentication: secret '{secretName}': {Key} is not valid JSON: {error.Message}");
        }
        var entry = (document?["auths"] as JsonObject ?? [])
            .FirstOrDefault(a => HostOf(a.Key).Equals(registry.Authority, StringComparison.OrdinalIgnoreCase)).Value;
        if (entry is null)
        {
            return null;
        }
        if (entry["username"]?.ToString() is { } username && entry["password"]?.ToString() is { } password)
        {
            return new HelmCredentials(username, password);
        }
        if (entry["auth"]?.ToString() is { } auth)
        {
            return Decode(auth) is { } decoded && decoded.IndexOf(':') is > 0 and var colon
                ? new HelmCredentials(decoded[..colon], decoded[(colon + 1)..])
                : throw new HelmFetchException(
                    SourceConditions.AuthenticationFailedReason,
                    $"failed to configure OCI registry authentication: secret '{secretName}': the 'auth' of {registry.Authority} is not base64 of 'username:password'");
        }
        return null;
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string HostOf(string key)
    {
        var withoutScheme = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..] : key;
        var slash = withoutScheme.IndexOf('/');
        return slash >= 0 ? withoutScheme[..slash] : withoutScheme;
    }
}
