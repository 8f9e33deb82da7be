namespace Fleet.Messages.Api.Source;

/// <summary>Condition types and reasons the source kinds add to Flux's generic ones (source-controller api/v1).</summary>
public static class SourceConditions
{
    public const string ArtifactInStorage = "ArtifactInStorage";
    public const string ArtifactOutdated = "ArtifactOutdated";
    public const string SourceVerified = "SourceVerified";
    public const string FetchFailed = "FetchFailed";
    public const string BuildFailed = "BuildFailed";
    public const string StorageOperationFailed = "StorageOperationFailed";
    public const string IncludeUnavailable = "IncludeUnavailable";

    public const string URLInvalidReason = "URLInvalid";
    public const string AuthenticationFailedReason = "AuthenticationFailed";
    public const string VerificationErrorReason = "VerificationError";
    public const string DirCreationFailedReason = "DirectoryCreationFailed";
    public const string StatOperationFailedReason = "StatOperationFailed";
    public const string ReadOperationFailedReason = "ReadOperationFailed";
    public const string AcquireLockFailedReason = "AcquireLockFailed";
    public const string InvalidPathReason = "InvalidPath";
    public const string ArchiveOperationFailedReason = "ArchiveOperationFailed";
    public const string SymlinkUpdateFailedReason = "SymlinkUpdateFailed";
    public const string ArtifactUpToDateReason = "ArtifactUpToDate";
    public const string CacheOperationFailedReason = "CacheOperationFailed";
    public const string PatchOperationFailedReason = "PatchOperationFailed";
    public const string InvalidSTSConfigurationReason = "InvalidSTSConfiguration";
    public const string InvalidProviderConfigurationReason = "InvalidProviderConfiguration";
    public const string NewRevisionReason = "NewRevision";

    /// <summary>The reason of the Event a source records when it stores an artifact for a new revision.</summary>
    public const string NewArtifactReason = "NewArtifact";

    public const string GitOperationSucceededReason = "GitOperationSucceeded";
    public const string GitOperationFailedReason = "GitOperationFailed";
    public const string IndexationFailedReason = "IndexationFailed";
    public const string ChartPullSucceededReason = "ChartPullSucceeded";
    public const string ChartPackageSucceededReason = "ChartPackageSucceeded";
    public const string OCIPullFailedReason = "OCIArtifactPullFailed";
    public const string OCILayerOperationFailedReason = "OCIArtifactLayerOperationFailed";
    public const string BucketOperationSucceededReason = "BucketOperationSucceeded";
    public const string BucketOperationFailedReason = "BucketOperationFailed";
}
