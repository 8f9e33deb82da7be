namespace Fleet.Actors.Sources.Helm;

/// <summary>A HelmRepository's `spec.type`: an HTTP(S) chart index (the default) or an OCI registry.</summary>
public static class HelmRepositoryTypes
{
    public const string Default = "default";
    public const string Oci = "oci";

    public static bool IsOci(string? type) => type == Oci;
}
