namespace Fleet.Actors.Oci;

/// <summary>A `proxySecretRef`'s proxy: its address and optional login; <see cref="ToString"/> never shows the password.</summary>
public sealed record RegistryProxy(Uri Address, string? Username, string? Password)
{
    public override string ToString() => $"RegistryProxy {{ Address = {Address} }}";
}
