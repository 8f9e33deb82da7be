using Fleet.Messages.Api.Notification;
using YamlDotNet.Serialization;

namespace Fleet.Actors.Notification;

/// <summary>
/// Resolves a Provider for one delivery as notification-controller does: <c>spec.address</c> unless the secret has an
/// <c>address</c>; the secret's <c>token</c>, <c>username</c>/<c>password</c> and YAML <c>headers</c>; the proxy secret's
/// <c>address</c>/<c>username</c>/<c>password</c> (or the deprecated <c>spec.proxy</c>); the cert secret's TLS material.
/// </summary>
public sealed class ProviderSettingsReader(ProviderSecrets.Reader secrets)
{
    private const int MaxAddressLength = 2048;
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public async Task<ProviderSettings> ReadAsync(Provider provider, CancellationToken cancellation)
    {
        var spec = provider.Spec;
        var @namespace = provider.Metadata.NamespaceProperty;
        var settings = new ProviderSettings
        {
            Type = spec.Type,
            Name = provider.Metadata.Name,
            Namespace = @namespace,
            Uid = provider.Metadata.Uid,
            Address = spec.Address ?? "",
            Username = spec.Username,
            Channel = spec.Channel,
            Timeout = spec.Timeout?.Value ?? NotificationDefaults.ProviderTimeout.Value,
            Proxy = spec.Proxy is { Length: > 0 } proxy ? ProxyUrl(proxy, "spec.proxy") : null,
        };
        if (spec.SecretRef is { } secretRef)
        {
            var data = await RequireAsync(@namespace, secretRef.Name, cancellation);
            if (data.GetValueOrDefault("address") is { } address && address.Length > MaxAddressLength)
            {
                throw new ProviderRefusedException($"invalid address in secret: address exceeds maximum length of {MaxAddressLength} bytes");
            }
            settings = settings with
            {
                SecretData = data,
                Address = data.GetValueOrDefault("address")?.Trim() ?? settings.Address,
                Token = data.GetValueOrDefault("token")?.Trim(),
                Username = data.GetValueOrDefault("username") ?? settings.Username,
                Password = data.GetValueOrDefault("password"),
                Headers = data.GetValueOrDefault("headers") is { } headers ? ParseHeaders(headers) : settings.Headers,
                Proxy = data.GetValueOrDefault("proxy") is { } legacy ? ProxyUrl(legacy.Trim(), "the secret's 'proxy'") : settings.Proxy,
            };
        }
        if (spec.ProxySecretRef is { } proxyRef)
        {
            var data = await RequireAsync(@namespace, proxyRef.Name, cancellation);
            settings = settings with
            {
                Proxy = ProxyUrl(data.GetValueOrDefault("address") ?? throw new ProviderRefusedException($"secret '{@namespace}/{proxyRef.Name}': key 'address' not found"), "the proxy secret's address"),
                ProxyUsername = data.GetValueOrDefault("username"),
                ProxyPassword = data.GetValueOrDefault("password"),
            };
        }
        if (spec.CertSecretRef is { } certRef)
        {
            var data = await RequireAsync(@namespace, certRef.Name, cancellation);
            settings = settings with
            {
                CaPem = data.GetValueOrDefault("ca.crt") ?? data.GetValueOrDefault("caFile"),
                CertPem = data.GetValueOrDefault("tls.crt"),
                KeyPem = data.GetValueOrDefault("tls.key"),
            };
            if (settings.CertPem is null != settings.KeyPem is null)
            {
                throw new ProviderRefusedException($"secret '{@namespace}/{certRef.Name}': 'tls.crt' and 'tls.key' must be given together");
            }
        }
        return settings;
    }

    private async Task<IReadOnlyDictionary<string, string>> RequireAsync(string @namespace, string name, CancellationToken cancellation) =>
        await secrets(@namespace, name, cancellation) ?? throw new SecretMissingException($"failed to get secret '{@namespace}/{name}': not found");

    private static Uri ProxyUrl(string address, string what) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ProviderRefusedException($"invalid proxy URL in {what}");

    private static Dictionary<string, string> ParseHeaders(string yaml)
    {
        try
        {
            return Yaml.Deserialize<Dictionary<string, string>?>(yaml) ?? [];
        }
        catch (YamlDotNet.Core.YamlException error)
        {
            throw new ProviderRefusedException($"failed to read headers from secret: {error.Message}");
        }
    }
}
