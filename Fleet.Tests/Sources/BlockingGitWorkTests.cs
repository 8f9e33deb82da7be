using Fleet.Actors.Sources.Git;

namespace Fleet.Tests.Sources;

public sealed class BlockingGitWorkTests
{
    [Fact]
    public async Task A_burst_runs_at_most_Limit_at_once_on_threads_outside_the_pool()
    {
        using var release = new ManualResetEventSlim();
        var running = 0;
        var started = 0;
        var onPool = 0;
        var burst = Enumerable.Range(0, BlockingGitWork.Limit + 3).Select(_ => BlockingGitWork.RunAsync(() =>
        {
            Interlocked.Increment(ref started);
            Interlocked.Increment(ref running);
            if (Thread.CurrentThread.IsThreadPoolThread)
            {
                Interlocked.Increment(ref onPool);
            }
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            return true;
        }, CancellationToken.None)).ToList();

        // Every slot is taken by held work (other tests' git work may hold some for a moment), so nothing else can start
        // until the release: a burst let past the limit would already show more than Limit started.
        await Support.Eventually.True(() => Volatile.Read(ref started) >= BlockingGitWork.Limit, TimeSpan.FromSeconds(20), () => "Limit works to start");
        Assert.InRange(Volatile.Read(ref started), 1, BlockingGitWork.Limit);
        release.Set();
        Assert.All(await Task.WhenAll(burst), Assert.True);
        Assert.Equal(BlockingGitWork.Limit + 3, started);
        Assert.Equal(0, onPool);
    }

    [Fact]
    public async Task Cancellation_returns_at_once_while_the_blocking_work_goes_on_to_its_end()
    {
        using var release = new ManualResetEventSlim();
        using var finished = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var stuck = BlockingGitWork.RunAsync(() =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            finished.Set();
            return true;
        }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(finished.IsSet);
        release.Set();
        Assert.True(finished.Wait(TimeSpan.FromSeconds(10)));
    }
}
