using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fleet.Actors.Oci;

/// <summary>The HTTP handler for a <see cref="RegistryConnection"/>: its CA, client certificate and proxy.</summary>
public static class RegistryHandler
{
    public static SocketsHttpHandler Create(RegistryConnection connection)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = connection.Proxy is not null,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (connection.Proxy is { } proxy)
        {
            handler.Proxy = new WebProxy(proxy.Address)
            {
                Credentials = proxy.Username is { } user ? new NetworkCredential(user, proxy.Password) : null,
            };
        }
        if (connection.Tls is { } tls)
        {
            Configure(handler.SslOptions, tls);
        }
        return handler;
    }

    private static void Configure(SslClientAuthenticationOptions ssl, RegistryTls tls)
    {
        if (tls.ClientCertificatePem is { } certificate)
        {
            if (tls.ClientKeyPem is not { } key)
            {
                throw new OciException(OciErrorKind.BadInput, "a client certificate needs its key ('tls.key')");
            }
            ssl.ClientCertificates = [ClientCertificate(certificate, key)];
        }
        if (tls.CaPem is not { } caPem)
        {
            return;
        }
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(caPem);
        }
        catch (CryptographicException error)
        {
            throw new OciException(OciErrorKind.BadInput, $"the CA certificate ('ca.crt') is not valid PEM: {error.Message}");
        }
        if (authorities.Count == 0)
        {
            throw new OciException(OciErrorKind.BadInput, "the CA certificate ('ca.crt') holds no certificate");
        }
        ssl.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
        {
            if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
        };
    }

    private static X509Certificate2 ClientCertificate(string certificatePem, string keyPem)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            // Round-trip through PKCS#12: on Linux, TLS needs a key that is not ephemeral.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException error)
        {
            throw new OciException(OciErrorKind.BadInput, $"the client certificate ('tls.crt', 'tls.key') is not valid PEM: {error.Message}");
        }
    }
}
