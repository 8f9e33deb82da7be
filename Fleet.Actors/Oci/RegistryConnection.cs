namespace Fleet.Actors.Oci;

/// <summary>How to reach one registry: its login, plain HTTP (Flux's `insecure`), TLS material and proxy.</summary>
public sealed record RegistryConnection
{
    public static readonly RegistryConnection Anonymous = new();

    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Plain HTTP instead of HTTPS, as Flux's `insecure: true`.</summary>
    public bool Insecure { get; init; }

    public RegistryTls? Tls { get; init; }

    public RegistryProxy? Proxy { get; init; }
}
