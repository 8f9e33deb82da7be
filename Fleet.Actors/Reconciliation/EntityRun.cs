namespace Fleet.Actors.Reconciliation;

/// <summary>One run an entity started; its id tells its report from a late one of an earlier run.</summary>
public sealed class EntityRun(long id, RunKind kind, CancellationTokenSource cancellation)
{
    public long Id { get; } = id;

    public RunKind Kind { get; } = kind;

    public CancellationToken Cancellation { get; } = cancellation.Token;

    /// <summary>Starts the run's time limit; a run that waited for a slot starts it only once it has one.</summary>
    public void LimitTo(TimeSpan timeout) => cancellation.CancelAfter(timeout);
}
