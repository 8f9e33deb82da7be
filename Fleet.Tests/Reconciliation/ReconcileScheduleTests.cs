using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Reconciliation;

/// <summary>When the next reconcile runs: Flux's interval with 5% jitter; after failures, the kind's retry rule.</summary>
public class ReconcileScheduleTests
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(15);

    private static ReconcileSchedule WithRandom(double value) =>
        new(FluxDefaults.IntervalJitterFraction, ReconcileSchedule.DefaultMinRetryDelay, MaxRetryDelay, () => value);

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
        var schedule = new ReconcileSchedule(FluxDefaults.IntervalJitterFraction, ReconcileSchedule.DefaultMinRetryDelay, MaxRetryDelay, draws.Dequeue);

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
    [InlineData(1, 750)]
    [InlineData(2, 1500)]
    [InlineData(3, 3000)]
    [InlineData(11, 768_000)]
    [InlineData(12, 900_000)]
    [InlineData(50, 900_000)]
    [InlineData(int.MaxValue, 900_000)]
    public void SourcesBackOffFromTheMinimumRetryDelayDoublingPerFailureUpToTheMaximum(int failures, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), WithRandom(0.5).AfterFailure(RetryRule.Backoff, TimeSpan.FromMinutes(1), failures));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void BackoffIsNotJitteredAndIgnoresTheRetryInterval(double random)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), WithRandom(random).AfterFailure(RetryRule.Backoff, TimeSpan.FromHours(1), 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void BackoffWithoutACountedFailureWaitsTheMinimumRetryDelay(int failures)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(750), WithRandom(0.5).AfterFailure(RetryRule.Backoff, TimeSpan.FromSeconds(30), failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(50)]
    public void AKustomizationRetriesAtItsRetryIntervalHoweverOftenItFailed(int failures)
    {
        Assert.Equal(TimeSpan.FromMinutes(2), WithRandom(0.5).AfterFailure(RetryRule.RetryInterval, TimeSpan.FromMinutes(2), failures));
        Assert.Equal(TimeSpan.FromHours(1), WithRandom(0.5).AfterFailure(RetryRule.RetryInterval, TimeSpan.FromHours(1), failures));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void TheRetryIntervalIsNotJitteredAsFluxOnlyJittersTheIntervalAfterASuccess(double random)
    {
        Assert.Equal(TimeSpan.FromMinutes(2), WithRandom(random).AfterFailure(RetryRule.RetryInterval, TimeSpan.FromMinutes(2), 3));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 0.25)]
    [InlineData(1.0, 0.5)]
    public void AfterStartSpreadsOverFivePercentOfAShortInterval(double random, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterStart(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 0.5)]
    [InlineData(1.0, 1)]
    public void AfterStartWaitsAtMostASecondSoAFailoverIsNotHeldBack(double random, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WithRandom(random).AfterStart(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void TheJitterFractionAndRetryDelaysComeFromTheSchedule()
    {
        var schedule = new ReconcileSchedule(0.1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(110), schedule.AfterSuccess(TimeSpan.FromSeconds(100)));
        Assert.Equal(TimeSpan.FromSeconds(8), schedule.AfterFailure(RetryRule.Backoff, TimeSpan.FromMinutes(1), 3));
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.AfterFailure(RetryRule.Backoff, TimeSpan.FromMinutes(1), 20));
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.AfterFailure(RetryRule.RetryInterval, TimeSpan.FromMinutes(1), 20));
    }

    [Fact]
    public void AnIntervalOfZeroSchedulesNoPeriodicRun() =>
        Assert.Null(WithRandom(0.5).AfterSuccess(TimeSpan.Zero));

    [Fact]
    public void ARetryIntervalOfZeroWaitsTheMinimumRetryDelay() =>
        Assert.Equal(TimeSpan.FromMilliseconds(750), WithRandom(0.5).AfterFailure(RetryRule.RetryInterval, TimeSpan.Zero, 3));
}
