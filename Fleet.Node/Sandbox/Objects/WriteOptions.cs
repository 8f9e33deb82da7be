namespace Fleet.Node.Sandbox.Objects;

/// <summary>The query options every write shares: <c>dryRun=All</c> and the <c>fieldManager</c>.</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null)
{
    public static WriteOptions Default { get; } = new();
}
