namespace Fleet.Actors.Oci;

/// <summary>The Secrets and flags an object names for its registry: `secretRef`, `certSecretRef`, `proxySecretRef`, `insecure`.</summary>
public sealed record RegistrySecretRefs(string? SecretRef, string? CertSecretRef, string? ProxySecretRef, bool Insecure);
