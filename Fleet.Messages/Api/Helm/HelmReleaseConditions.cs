namespace Fleet.Messages.Api.Helm;

/// <summary>Condition types and reasons HelmRelease adds to Flux's generic ones (helm-controller api/v2).</summary>
public static class HelmReleaseConditions
{
    public const string Released = "Released";
    public const string TestSuccess = "TestSuccess";
    public const string Remediated = "Remediated";
    public const string Drifted = "Drifted";

    public const string InstallSucceededReason = "InstallSucceeded";
    public const string InstallFailedReason = "InstallFailed";
    public const string UpgradeSucceededReason = "UpgradeSucceeded";
    public const string UpgradeFailedReason = "UpgradeFailed";
    public const string TestSucceededReason = "TestSucceeded";
    public const string TestFailedReason = "TestFailed";
    public const string RollbackSucceededReason = "RollbackSucceeded";
    public const string RollbackFailedReason = "RollbackFailed";
    public const string UninstallSucceededReason = "UninstallSucceeded";
    public const string UninstallFailedReason = "UninstallFailed";
    public const string ArtifactFailedReason = "ArtifactFailed";
    public const string DependencyNotReadyReason = "DependencyNotReady";
    public const string DriftDetectedReason = "DriftDetected";
    public const string NoDriftDetectedReason = "NoDriftDetected";
    public const string InventoryBuildFailedReason = "InventoryBuildFailed";
    public const string NamespaceCheckSkippedReason = "NamespaceCheckSkipped";
    public const string RetriesExceededReason = "RetriesExceeded";
    public const string MissingRollbackTargetReason = "MissingRollbackTarget";
}
