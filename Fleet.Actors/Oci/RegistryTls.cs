namespace Fleet.Actors.Oci;

/// <summary>A `certSecretRef`'s PEM: a CA to trust instead of the system's, and/or a client certificate with its key.</summary>
public sealed record RegistryTls(string? CaPem, string? ClientCertificatePem, string? ClientKeyPem)
{
    public override string ToString() => $"RegistryTls {{ Ca = {CaPem is not null}, ClientCertificate = {ClientCertificatePem is not null} }}";
}
