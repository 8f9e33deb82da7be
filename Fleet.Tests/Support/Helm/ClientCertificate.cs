using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Support.Helm;

/// <summary>A TLS client certificate signed by a test CA, as PEM text for a `certSecretRef` (`tls.crt`, `tls.key`).</summary>
public sealed record ClientCertificate(string CertificatePem, string KeyPem)
{
    public static ClientCertificate SignedBy(TestCertificates certificates)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fleet-client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(certificates.Ca, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        return new ClientCertificate(signed.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
