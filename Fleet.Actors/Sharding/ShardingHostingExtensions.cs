using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api;

namespace Fleet.Actors.Sharding;

public static class ShardingHostingExtensions
{
    /// <summary>
    /// Sharding as Fleet runs it: remembered entities (so an entity's own timer keeps it alive and it
    /// restarts on a survivor after a crash), stored as events in sharding's own journal tables,
    /// coordinator state in distributed data with nothing written to local disk.
    /// </summary>
    public static readonly Config ShardingConfig = ConfigurationFactory.ParseString("""
        akka.cluster.sharding {
          remember-entities = on
          remember-entities-store = eventsourced
          state-store-mode = ddata
          journal-plugin-id = "akka.persistence.journal.sharding"
          snapshot-plugin-id = "akka.persistence.snapshot-store.sharding"
          distributed-data.durable.keys = []
          least-shard-allocation-strategy.rebalance-absolute-limit = 20
          # A shard whose remembered entities could not be read in time (a busy journal) retries soon:
          # its objects are not reconciled until it does.
          shard-failure-backoff = 3s
          waiting-for-state-timeout = 5s
          # After a failover a region registers with the coordinator's new home this soon (default 2s): part of
          # the time a dead node's objects wait.
          retry-interval = 1s
        }
        """);

    /// <summary>
    /// Starts one shard region per reconciled Flux kind (Provider and Alert are static objects, read by others) and records
    /// them in <paramref name="regions"/>. A handed-off entity is stopped with <see cref="HandOffStop"/>, so it ends its run
    /// before its next home starts one.
    /// </summary>
    public static AkkaConfigurationBuilder AddFleetShardRegions(
        this AkkaConfigurationBuilder builder, ShardRegions regions, IReconcilerCatalog catalog, EntityRuntimeSettings settings) =>
        builder
            .AddHocon(ShardingConfig, HoconAddMode.Prepend)
            .StartActors(async (system, _) =>
            {
                var runtime = settings with { Router = settings.Router ?? (message => regions.Tell(message)) };
                var sharding = ClusterSharding.Get(system);
                var shardingSettings = ClusterShardingSettings.Create(system);
                foreach (var kind in FluxKinds.Reconciled)
                {
                    var region = await sharding.StartAsync(
                        kind.ShardTypeName,
                        entityId => ReconcilerEntity.Props(kind, entityId, catalog, runtime),
                        shardingSettings,
                        new FleetMessageExtractor(),
                        sharding.DefaultShardAllocationStrategy(shardingSettings),
                        HandOffStop.Instance);
                    regions.Add(kind.Kind, region);
                }
                regions.MarkStarted();
            });
}
