namespace Fleet.Actors.Oci;

/// <summary>
/// How the client retries a request that failed for a reason that may pass (no connection, 429, 5xx): up to
/// <see cref="Attempts"/> tries, waiting <see cref="FirstDelay"/> doubled each time up to <see cref="MaxDelay"/>, or the
/// server's `Retry-After` when it is shorter than that; waits on the injected clock.
/// </summary>
public sealed record OciRetry(int Attempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static readonly OciRetry Default = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    public static readonly OciRetry None = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The wait before try <paramref name="attempt"/> + 1 (the first try is 1).</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var backoff = FirstDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var delay = backoff > MaxDelay ? MaxDelay : backoff;
        return retryAfter is { } asked && asked < delay && asked >= TimeSpan.Zero ? asked : delay;
    }
}
