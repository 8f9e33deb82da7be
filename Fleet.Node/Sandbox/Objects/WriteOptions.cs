namespace Fleet.Node.Sandbox.Objects;

/// <summary>The query options every write shares: <c>dryRun=All</c> and the <c>fieldManager</c>;
/// <paramref name="DefaultManager"/> (from the User-Agent) names the manager of non-apply writes without one;
/// <paramref name="FieldValidation"/> <c>Strict</c> turns unknown fields of custom resources into a 400.</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, string DefaultManager = "unknown", string? FieldValidation = null)
{
    public static WriteOptions Default { get; } = new();

    /// <summary>The manager recorded for a non-apply write.</summary>
    public string UpdateManager => string.IsNullOrEmpty(FieldManager) ? DefaultManager : FieldManager;
}
