namespace Fleet.Tests.Support;

/// <summary>
/// The system clock, which a test can move forward at once: a node on it behaves as on the real clock, and a test that
/// needs a later second (a rebuilt artifact's lastUpdateTime) skips to it instead of sleeping through it.
/// </summary>
public sealed class SkippableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Skip(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
