using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Actors.Oci;

/// <summary>
/// Reads the Secrets of <see cref="RegistrySecretRefs"/> into a <see cref="RegistryConnection"/>: a dockerconfigjson login
/// for the registry, `ca.crt`/`tls.crt`/`tls.key` (or the older `caFile`/`certFile`/`keyFile`), and a proxy's
/// `address`/`username`/`password`. A Secret that cannot be read or lacks a key is an error of kind
/// <see cref="OciErrorKind.Secret"/> that names it, never its content.
/// </summary>
public sealed class RegistrySecrets(IKubernetes kubernetes)
{
    public async Task<RegistryConnection> ReadAsync(string ns, string registry, RegistrySecretRefs refs, CancellationToken cancellation)
    {
        var connection = RegistryConnection.Anonymous with { Insecure = refs.Insecure };
        if (refs.SecretRef is { } login)
        {
            var data = await DataAsync(ns, login, cancellation);
            if (Text(data, DockerConfig.SecretKey) is not { } config)
            {
                throw new OciException(OciErrorKind.Secret, $"secret '{ns}/{login}' has no '{DockerConfig.SecretKey}' key; expected a Secret of type kubernetes.io/dockerconfigjson");
            }
            try
            {
                connection = connection with { Credentials = DockerConfig.For(config, registry) };
            }
            catch (OciException error)
            {
                throw new OciException(OciErrorKind.Secret, $"secret '{ns}/{login}': {error.Message}");
            }
        }
        if (refs.CertSecretRef is { } certs)
        {
            var data = await DataAsync(ns, certs, cancellation);
            var tls = new RegistryTls(Text(data, "ca.crt") ?? Text(data, "caFile"), Text(data, "tls.crt") ?? Text(data, "certFile"), Text(data, "tls.key") ?? Text(data, "keyFile"));
            if (tls is { CaPem: null, ClientCertificatePem: null })
            {
                throw new OciException(OciErrorKind.Secret, $"secret '{ns}/{certs}' has neither 'ca.crt' nor 'tls.crt' and 'tls.key'");
            }
            if ((tls.ClientCertificatePem is null) != (tls.ClientKeyPem is null))
            {
                throw new OciException(OciErrorKind.Secret, $"secret '{ns}/{certs}' must hold both 'tls.crt' and 'tls.key', or neither");
            }
            connection = connection with { Tls = tls };
        }
        if (refs.ProxySecretRef is { } proxy)
        {
            var data = await DataAsync(ns, proxy, cancellation);
            if (Text(data, "address") is not { Length: > 0 } address || !Uri.TryCreate(address, UriKind.Absolute, out var url))
            {
                throw new OciException(OciErrorKind.Secret, $"secret '{ns}/{proxy}': 'address' must be a proxy URL such as http://proxy:8080");
            }
            connection = connection with { Proxy = new RegistryProxy(url, Text(data, "username"), Text(data, "password")) };
        }
        return connection;
    }

    private async Task<IDictionary<string, byte[]>> DataAsync(string ns, string name, CancellationToken cancellation)
    {
        V1Secret secret;
        try
        {
            secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellation);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new OciException(OciErrorKind.Secret, $"failed to get secret '{ns}/{name}': secrets \"{name}\" not found");
        }
        catch (HttpOperationException error)
        {
            throw new OciException(OciErrorKind.Secret, $"failed to get secret '{ns}/{name}': the API server answered {(int)error.Response.StatusCode} {error.Response.StatusCode}");
        }
        return secret.Data ?? new Dictionary<string, byte[]>();
    }

    private static string? Text(IDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var value) && value.Length > 0 ? Encoding.UTF8.GetString(value) : null;
}
