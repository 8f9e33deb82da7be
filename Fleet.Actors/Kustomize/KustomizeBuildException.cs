namespace Fleet.Actors.Kustomize;

/// <summary>
/// A Kustomization could not be built: <see cref="Reason"/> is Flux's condition reason
/// (ArtifactFailed for the artifact and its path, BuildFailed for everything after) and the message
/// names the file or object and the cause.
/// </summary>
public sealed class KustomizeBuildException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
