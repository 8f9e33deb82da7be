using System.Threading.Channels;

namespace Fleet.Node.Sandbox.Store;

/// <summary>A live feed of store events; dispose it to stop receiving. <see cref="StartResourceVersion"/> is the
/// store's resourceVersion when the subscription began (after its backlog).</summary>
public sealed class WatchSubscription(ChannelReader<StoreEvent> events, long startResourceVersion, int backlogCount, Action unsubscribe, Func<long?> caughtUp) : IDisposable
{
    /// <summary>How many of the first events are the backlog (synthetic Added events or logged changes).</summary>
    public int BacklogCount { get; } = backlogCount;

    public ChannelReader<StoreEvent> Events { get; } = events;

    public long StartResourceVersion { get; } = startResourceVersion;

    /// <summary>The store's current resourceVersion when every event up to it has been read from
    /// <see cref="Events"/>, else null. A bookmark may safely carry it.</summary>
    public long? CaughtUpResourceVersion() => caughtUp();

    public void Dispose() => unsubscribe();
}
