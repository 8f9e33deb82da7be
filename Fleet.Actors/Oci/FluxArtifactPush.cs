namespace Fleet.Actors.Oci;

/// <summary>What to publish as a Flux artifact: a directory, the source and revision it came from, and when.</summary>
public sealed record FluxArtifactPush(OciReference Target, string Directory, string Source, string Revision, DateTimeOffset Created);
