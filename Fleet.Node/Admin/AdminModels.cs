namespace Fleet.Node.Admin;

/// <summary>One cluster member as <c>GET /admin/v1/cluster</c> reports it.</summary>
public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Leader, bool Self);

/// <summary><c>GET /admin/v1/cluster</c>: every member, who leads, who is unreachable.</summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members);

/// <summary>One shard of a region hosted by the answering node and the entities alive in it.</summary>
public sealed record ShardView(string Kind, string ShardId, IReadOnlyList<string> Entities);

/// <summary>Shards per node of one region, from the cluster-wide sharding statistics.</summary>
public sealed record RegionStatsView(string Kind, string Node, int Shards, int Entities);

/// <summary><c>GET /admin/v1/shards</c>: this node's shards with their entities, and every node's counts.</summary>
public sealed record ShardsView(string Node, IReadOnlyList<ShardView> Local, IReadOnlyList<RegionStatsView> Cluster);

/// <summary><c>GET /admin/v1/where/…</c>: the node hosting an object's entity.</summary>
public sealed record LocationView(string Kind, string Namespace, string Name, string Node, bool Reconciling);

/// <summary>The body of every refused admin call.</summary>
public sealed record AdminError(string Error);
