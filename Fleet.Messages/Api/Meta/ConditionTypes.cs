namespace Fleet.Messages.Api.Meta;

/// <summary>Flux's generic condition types (fluxcd/pkg apis/meta).</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Healthy = "Healthy";
}
