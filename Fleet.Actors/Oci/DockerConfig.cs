using System.Text;
using System.Text.Json;

namespace Fleet.Actors.Oci;

/// <summary>
/// The `.dockerconfigjson` of a `kubernetes.io/dockerconfigjson` Secret: `auths` keyed by registry, each with
/// `username`/`password` or `auth` (base64 of `user:password`). Keys may be bare hosts or URLs such as `https://host/v1/`.
/// </summary>
public static class DockerConfig
{
    public const string SecretKey = ".dockerconfigjson";

    /// <summary>The login for <paramref name="registry"/>, or null when the config has none for it.</summary>
    public static RegistryCredentials? For(string json, string registry)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new OciException(OciErrorKind.BadInput, $"{SecretKey} is not valid JSON");
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                throw new OciException(OciErrorKind.BadInput, $"{SecretKey} has no 'auths' object");
            }
            foreach (var entry in auths.EnumerateObject())
            {
                if (Host(entry.Name) == Host(registry) || (registry == OciReference.DockerHub && Host(entry.Name) is "docker.io" or "registry-1.docker.io"))
                {
                    return Login(entry.Value, entry.Name);
                }
            }
            return null;
        }
    }

    private static RegistryCredentials Login(JsonElement entry, string name)
    {
        var username = Text(entry, "username");
        var password = Text(entry, "password");
        if (Text(entry, "auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw new OciException(OciErrorKind.BadInput, $"the 'auth' of '{name}' in {SecretKey} is not base64");
            }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new OciException(OciErrorKind.BadInput, $"the 'auth' of '{name}' in {SecretKey} is not 'username:password'");
            }
            (username, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        return new RegistryCredentials(username ?? "", password ?? "");
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Host(string key)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? host[..slash] : host).ToLowerInvariant();
    }
}
