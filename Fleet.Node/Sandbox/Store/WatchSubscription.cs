using System.Threading.Channels;

namespace Fleet.Node.Sandbox.Store;

/// <summary>A live feed of store events; dispose it to stop receiving. <see cref="StartResourceVersion"/> is the
/// store's resourceVersion when the subscription began (after its backlog).</summary>
public sealed class WatchSubscription(ChannelReader<StoreEvent> events, long startResourceVersion, Action unsubscribe, Func<long?> caughtUp) : IDisposable
{
    public ChannelReader<StoreEvent> Events { get; } = events;

    public long StartResourceVersion { get; } = startResourceVersion;

    /// <summary>The store's current resourceVersion when every event up to it has been read from
    /// <see cref="Events"/>, else null. A bookmark may safely carry it.</summary>
    public long? CaughtUpResourceVersion() => caughtUp();

    public void Dispose() => unsubscribe();
}
