namespace Fleet.Actors.Sources.Artifacts;

/// <summary>An artifact could not be downloaded, did not match its digest, or was not a safe archive.</summary>
public sealed class ArtifactDownloadException(string message, Exception? inner = null) : Exception(message, inner);
