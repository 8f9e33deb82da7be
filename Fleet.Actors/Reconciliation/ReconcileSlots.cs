using System.Collections.Concurrent;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// At most <see cref="PerKind"/> reconciles of one kind run at once on a node, as Flux's <c>--concurrent</c>: when a
/// thousand Kustomizations follow a source that just published, they queue here instead of holding a thousand builds
/// and their API calls in memory at once. Each kind has its own slots, so slow Git fetches never hold up applies.
/// </summary>
public sealed class ReconcileSlots
{
    public const int DefaultPerKind = 64;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _byKind = new(StringComparer.Ordinal);

    public ReconcileSlots(int perKind = DefaultPerKind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perKind, 1);
        PerKind = perKind;
    }

    public int PerKind { get; }

    /// <summary>Waits for a free slot of <paramref name="kind"/>; disposing the lease frees it.</summary>
    public async Task<IDisposable> AcquireAsync(string kind, CancellationToken cancellation)
    {
        var slots = _byKind.GetOrAdd(kind, _ => new SemaphoreSlim(PerKind));
        await slots.WaitAsync(cancellation);
        return new Lease(slots);
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
