namespace Fleet.Actors.Oci;

/// <summary>A manifest as fetched: parsed, its exact bytes (which the digest is of), the digest and media type.</summary>
public sealed record OciManifestResponse(OciManifest Manifest, byte[] Content, string Digest, string MediaType);
