namespace Fleet.Actors.Oci;

/// <summary>The manifest and layer media types of the OCI image spec, Docker's v2 schema and Flux's artifacts.</summary>
public static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string EmptyConfig = "application/vnd.oci.empty.v1+json";

    /// <summary>The config and content layer `flux push artifact` writes.</summary>
    public const string FluxConfig = "application/vnd.cncf.flux.config.v1+json";
    public const string FluxContent = "application/vnd.cncf.flux.content.v1.tar+gzip";

    /// <summary>Every manifest type the client reads, for the Accept header: registries answer in a type the client names.</summary>
    public static readonly IReadOnlyList<string> Manifests = [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string? mediaType) => mediaType is ImageIndex or DockerManifestList;
}
