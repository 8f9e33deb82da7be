namespace Fleet.Actors.Sources;

/// <summary>
/// Writing the artifact failed: an include could not be copied into the tree, or the tree could not be archived.
/// Flux marks StorageOperationFailed with <see cref="Reason"/> (CopyFailure, IllegalPath, ArchiveOperationFailed).
/// </summary>
public sealed class StorageOperationException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public const string CopyFailureReason = "CopyFailure";
    public const string IllegalPathReason = "IllegalPath";

    public string Reason { get; } = reason;

    /// <summary>Flux's message for an include it could not copy.</summary>
    public static StorageOperationException CopyFailure(IncludedTree include, string detail) =>
        new(CopyFailureReason, $"failed to copy '{include.Name}' include from {include.FromPath} to {include.ToPath}: {detail}");
}
