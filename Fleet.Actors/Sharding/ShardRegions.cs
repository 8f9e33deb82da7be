using System.Collections.Concurrent;
using Akka.Actor;
using Fleet.Messages;

namespace Fleet.Actors.Sharding;

/// <summary>The shard region of every kind on this node, filled in when the node starts its regions.</summary>
public sealed class ShardRegions
{
    private readonly ConcurrentDictionary<string, IActorRef> _byKind = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every region has started.</summary>
    public Task Started => _started.Task;

    public IReadOnlyDictionary<string, IActorRef> ByKind => _byKind;

    public IActorRef For(string kind) =>
        _byKind.TryGetValue(kind, out var region) ? region : throw new ArgumentException($"no shard region for kind {kind}", nameof(kind));

    /// <summary>Sends a message to its object's entity, wherever in the cluster it lives.</summary>
    public void Tell(IWithObjectKey message, IActorRef? sender = null) => For(message.Key.Kind).Tell(message, sender ?? ActorRefs.NoSender);

    public Task<T> Ask<T>(IWithObjectKey message, TimeSpan timeout) => For(message.Key.Kind).Ask<T>(message, timeout);

    internal void Add(string kind, IActorRef region) => _byKind[kind] = region;

    internal void MarkStarted() => _started.TrySetResult();
}
