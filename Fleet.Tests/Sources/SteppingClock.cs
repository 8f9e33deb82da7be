namespace Fleet.Tests.Sources;

/// <summary>A clock that moves one second forward each time it is read, so stored artifacts have distinct ages.</summary>
public sealed class SteppingClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
}
