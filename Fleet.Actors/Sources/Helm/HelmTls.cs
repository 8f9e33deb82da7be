namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The TLS material of a HelmRepository (`certSecretRef`: `ca.crt`, `tls.crt`, `tls.key`), PEM text as the Secret holds it;
/// a CA replaces nothing, it is trusted besides the system's, as Flux's TLS config from a Secret does.
/// </summary>
public sealed record HelmTls(string? CaPem, string? CertificatePem, string? KeyPem)
{
    public static HelmTls None { get; } = new(null, null, null);

    public bool HasClientCertificate => CertificatePem is not null && KeyPem is not null;

    public override string ToString() => $"HelmTls {{ Ca = {CaPem is not null}, ClientCertificate = {HasClientCertificate} }}";
}
