using Fleet.Actors.Reconciliation;

namespace Fleet.Tests.Reconciliation;

/// <summary>How long an entity waits before it writes to an unreachable API server again.</summary>
public class ApiRetryDelayTests
{
    [Fact]
    public void TheDelayDoublesPerFailureUpToFiveMinutesAndStartsOverAfterASuccess()
    {
        var delay = new ApiRetryDelay();

        var delays = Enumerable.Range(0, 9).Select(_ => delay.AfterFailure()).ToList();
        delay.Succeeded();

        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), delay.AfterFailure());
    }
}
