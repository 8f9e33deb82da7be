namespace Fleet.Node.Sandbox.Objects;

/// <summary>The query options every write shares: <c>dryRun=All</c> and the <c>fieldManager</c>;
/// <paramref name="DefaultManager"/> (from the User-Agent) names the manager of non-apply writes without one;
/// <paramref name="FieldValidation"/> <c>Strict</c> turns unknown fields into a 400, <c>Ignore</c> drops them silently and
/// anything else (<c>Warn</c>, the default) drops them with a warning to <see cref="Warn"/>.</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, string DefaultManager = "unknown", string? FieldValidation = null)
{
    /// <summary>Receives the write's warnings (the HTTP layer sends them as <c>Warning</c> headers).</summary>
    public Action<string>? Warn { get; init; }

    public static WriteOptions Default { get; } = new();

    /// <summary>The manager recorded for a non-apply write.</summary>
    public string UpdateManager => string.IsNullOrEmpty(FieldManager) ? DefaultManager : FieldManager;
}
