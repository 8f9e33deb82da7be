using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Reconciliation;

/// <summary>When the next reconcile runs: Flux's interval with 5% jitter, retry backoff after failures.</summary>
public class ReconcileScheduleTests
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(15);

    private static ReconcileSchedule WithRandom(double value) =>
        new(FluxDefaults.IntervalJitterFraction, MaxRetryDelay, () => value);

    [Theory]
    [InlineData(0.0, 570)]
    [InlineData(0.5, 600)]
    [InlineData(1.0, 630)]
    public void AfterSuccessTheIntervalMovesAtMostFivePercent(double random, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterSuccess(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void AfterSuccessSpreadsObjectsWithOneInterval()
    {
        var draws = new Queue<double>([0.1, 0.9]);
        var schedule = new ReconcileSchedule(FluxDefaults.IntervalJitterFraction, MaxRetryDelay, draws.Dequeue);

        Assert.NotEqual(schedule.AfterSuccess(TimeSpan.FromMinutes(1)), schedule.AfterSuccess(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void DefaultScheduleStaysWithinTheJitterBounds()
    {
        for (var i = 0; i < 200; i++)
        {
            var delay = ReconcileSchedule.Default.AfterSuccess(TimeSpan.FromMinutes(5));
            Assert.NotNull(delay);
            Assert.InRange(delay.Value, TimeSpan.FromSeconds(285), TimeSpan.FromSeconds(315));
        }
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(4, 480)]
    [InlineData(5, 900)]
    [InlineData(6, 900)]
    [InlineData(50, 900)]
    [InlineData(int.MaxValue, 900)]
    public void AfterFailureDoublesTheRetryIntervalUpToFifteenMinutes(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(0.5).AfterFailure(TimeSpan.FromMinutes(1), failures));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void AfterFailureWithoutACountedFailureWaitsTheRetryInterval(int failures)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), WithRandom(0.5).AfterFailure(TimeSpan.FromSeconds(30), failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void ARetryIntervalLongerThanTheCapIsKept(int failures)
    {
        Assert.Equal(TimeSpan.FromHours(1), WithRandom(0.5).AfterFailure(TimeSpan.FromHours(1), failures));
    }

    [Theory]
    [InlineData(0.0, 855)]
    [InlineData(1.0, 945)]
    public void TheCappedRetryDelayIsJitteredToo(double random, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterFailure(TimeSpan.FromMinutes(1), 10));
    }

    [Theory]
    [InlineData(0.0, 114)]
    [InlineData(1.0, 126)]
    public void TheFirstRetryIsJittered(double random, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterFailure(TimeSpan.FromMinutes(2), 1));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 1.5)]
    [InlineData(1.0, 3)]
    public void AfterStartSpreadsOverFivePercentOfAShortInterval(double random, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterStart(TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 5)]
    public void AfterStartWaitsAtMostFiveSeconds(double random, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterStart(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void TheJitterFractionAndCapComeFromTheSchedule()
    {
        var schedule = new ReconcileSchedule(0.1, TimeSpan.FromMinutes(5), () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(110), schedule.AfterSuccess(TimeSpan.FromSeconds(100)));
        Assert.Equal(TimeSpan.FromSeconds(330), schedule.AfterFailure(TimeSpan.FromMinutes(1), 8));
    }

    [Fact]
    public void AnIntervalOfZeroSchedulesNoPeriodicRun() =>
        Assert.Null(WithRandom(0.5).AfterSuccess(TimeSpan.Zero));

    [Fact]
    public void ARetryIntervalOfZeroStillBacksOff()
    {
        var schedule = WithRandom(0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(750), schedule.AfterFailure(TimeSpan.Zero, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(3000), schedule.AfterFailure(TimeSpan.Zero, 3));
    }
}
