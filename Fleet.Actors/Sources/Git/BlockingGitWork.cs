namespace Fleet.Actors.Sources.Git;

/// <summary>
/// Runs blocking libgit2 calls on dedicated threads, at most <see cref="Limit"/> at once per node. Many GitRepositories
/// reconciling together (a cold start) would otherwise park a thread-pool thread each on the network, starving
/// everything else that runs on the pool: Akka's cluster heartbeats, Kestrel, the API watches.
/// </summary>
public static class BlockingGitWork
{
    public static readonly int Limit = Math.Max(4, 2 * Environment.ProcessorCount);

    private static readonly SemaphoreSlim Gate = new(Limit, Limit);

    /// <summary>
    /// Waits for a free slot, then runs <paramref name="work"/>. Cancellation stops the wait, not the work (libgit2
    /// cannot be interrupted): the slot is released only when the work really ends.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellation)
    {
        await Gate.WaitAsync(cancellation);
        Task<T> running;
        try
        {
            running = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch
        {
            Gate.Release();
            throw;
        }
        _ = running.ContinueWith(_ => Gate.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await running.WaitAsync(cancellation);
    }
}
