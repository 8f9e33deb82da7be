namespace Fleet.Actors.Reconciliation;

/// <summary>
/// How long an entity waits before it tries a failed write to the API server again (its status, its finalizer's
/// cleanup): 5 s, doubled per failure in a row up to 5 minutes, so an unreachable API server is not hammered.
/// </summary>
public sealed class ApiRetryDelay
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private TimeSpan _next = First;

    /// <summary>The delay before the next try after one more failure.</summary>
    public TimeSpan AfterFailure()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
        return delay;
    }

    /// <summary>A write went through: the next failure waits <see cref="First"/> again.</summary>
    public void Succeeded() => _next = First;
}
