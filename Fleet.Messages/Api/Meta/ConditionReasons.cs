namespace Fleet.Messages.Api.Meta;

/// <summary>Flux's generic condition reasons (fluxcd/pkg apis/meta).</summary>
public static class ConditionReasons
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Progressing = "Progressing";
    public const string ProgressingWithRetry = "ProgressingWithRetry";
    public const string Suspended = "Suspended";
    public const string DependencyNotReady = "DependencyNotReady";
    public const string InvalidPath = "InvalidPath";
    public const string InvalidURL = "InvalidURL";
    public const string InsecureConnectionsDisallowed = "InsecureConnectionsDisallowed";
    public const string UnsupportedConnectionType = "UnsupportedConnectionType";
    public const string PruneFailed = "PruneFailed";
    public const string ArtifactFailed = "ArtifactFailed";
    public const string BuildFailed = "BuildFailed";
    public const string HealthCheckFailed = "HealthCheckFailed";
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";
    public const string ReconciliationFailed = "ReconciliationFailed";
    public const string InvalidCELExpression = "InvalidCELExpression";
    public const string FeatureGateDisabled = "FeatureGateDisabled";
    public const string HealthCheckCanceled = "HealthCheckCanceled";
}
