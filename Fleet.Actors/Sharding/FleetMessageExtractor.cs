using Akka.Cluster.Sharding;
using Fleet.Messages;

namespace Fleet.Actors.Sharding;

/// <summary>
/// Routes every <see cref="IWithObjectKey"/> message to the entity <c>namespace/name</c> of its kind's region.
/// The shard count is fixed for the life of a journal: remembered entities are stored per shard.
/// </summary>
public sealed class FleetMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 100;

    public override string? EntityId(object message) => (message as IWithObjectKey)?.Key.EntityId;
}
