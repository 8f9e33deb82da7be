using System.Net;
using System.Text;
using Fleet.Messages.Api.Source;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Reads what a HelmRepository needs to be reached, as Flux's client options do: `certSecretRef` (`ca.crt`, `tls.crt`,
/// `tls.key`, or the legacy `caFile`/`certFile`/`keyFile`), then `secretRef` (`username`/`password`; TLS keys there too
/// when there is no certSecretRef, a deprecated form Flux still reads). A Secret that cannot be read or is malformed is an
/// AuthenticationFailed error with Flux's wording.
/// </summary>
public sealed class HelmAccessReader(IKubernetes kubernetes)
{
    public async Task<HelmRepositoryAccess> ReadAsync(string ns, HelmRepositorySpec spec, Uri url, CancellationToken cancellation)
    {
        var tls = HelmTls.None;
        if (spec.CertSecretRef is { } certRef)
        {
            var secret = await ReadSecretAsync(ns, certRef.Name, "failed to get TLS authentication secret", cancellation);
            tls = TlsOf(ns, secret, required: true) ?? HelmTls.None;
        }
        HelmCredentials? credentials = null;
        if (spec.SecretRef is { } authRef)
        {
            var secret = await ReadSecretAsync(ns, authRef.Name, "failed to get authentication secret", cancellation);
            credentials = BasicAuthOf(ns, secret);
            if (spec.CertSecretRef is null)
            {
                tls = TlsOf(ns, secret, required: false) ?? tls;
            }
        }
        return new HelmRepositoryAccess(
            url, credentials, tls, spec.PassCredentials ?? false, spec.Timeout?.Value ?? HelmRepositoryAccess.DefaultTimeout, spec.Insecure ?? false);
    }

    private async Task<V1Secret> ReadSecretAsync(string ns, string name, string what, CancellationToken cancellation)
    {
        try
        {
            return await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellation);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new HelmFetchException(SourceConditions.AuthenticationFailedReason, $"{what} '{ns}/{name}': secrets \"{name}\" not found");
        }
        catch (HttpOperationException error)
        {
            throw new HelmFetchException(
                SourceConditions.AuthenticationFailedReason,
                $"{what} '{ns}/{name}': the API server answered {(int)error.Response.StatusCode} {error.Response.StatusCode}");
        }
    }

    /// <summary>Basic auth from `username` and `password`; one without the other is malformed, as in fluxcd/pkg.</summary>
    public static HelmCredentials? BasicAuthOf(string ns, V1Secret secret)
    {
        var username = Text(secret, "username");
        var password = Text(secret, "password");
        var name = $"{ns}/{secret.Metadata?.Name}";
        return (username, password) switch
        {
            (null, null) => null,
            (not null, null) => throw Malformed(name, "username", "password"),
            (null, not null) => throw Malformed(name, "password", "username"),
            _ => new HelmCredentials(username, password),
        };
    }

    private static HelmFetchException Malformed(string name, string present, string missing) =>
        new(SourceConditions.AuthenticationFailedReason,
            $"failed to detect authentication methods: secret '{name}': malformed basic auth - has '{present}' but missing '{missing}'");

    /// <summary>The TLS keys of a Secret (standard names first, then the legacy ones); null when it has none.</summary>
    public static HelmTls? TlsOf(string ns, V1Secret secret, bool required)
    {
        var ca = Text(secret, "ca.crt") ?? Text(secret, "caFile");
        var certificate = Text(secret, "tls.crt") ?? Text(secret, "certFile");
        var key = Text(secret, "tls.key") ?? Text(secret, "keyFile");
        var name = $"{ns}/{secret.Metadata?.Name}";
        var prefix = required ? "failed to construct Helm client's TLS config" : "failed to detect authentication methods";
        if (certificate is not null && key is null)
        {
            throw new HelmFetchException(SourceConditions.AuthenticationFailedReason, $"{prefix}: secret '{name}' contains 'tls.crt' but missing 'tls.key'");
        }
        if (key is not null && certificate is null)
        {
            throw new HelmFetchException(SourceConditions.AuthenticationFailedReason, $"{prefix}: secret '{name}' contains 'tls.key' but missing 'tls.crt'");
        }
        if (ca is null && certificate is null)
        {
            return required
                ? throw new HelmFetchException(
                    SourceConditions.AuthenticationFailedReason, $"{prefix}: secret '{name}' must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'")
                : null;
        }
        return new HelmTls(ca, certificate, key);
    }

    private static string? Text(V1Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out var value) == true ? Encoding.UTF8.GetString(value) : null;
}
