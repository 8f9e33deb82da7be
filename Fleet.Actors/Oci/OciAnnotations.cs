namespace Fleet.Actors.Oci;

/// <summary>The OCI manifest annotations Flux reads and writes on artifacts.</summary>
public static class OciAnnotations
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Created = "org.opencontainers.image.created";
}
