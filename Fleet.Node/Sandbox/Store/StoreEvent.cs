using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Store;

/// <summary>One committed change. <paramref name="Object"/> is the new state (for Deleted: the final state with the
/// deletion's resourceVersion); <paramref name="Previous"/> is the state before, so selector watches can see an
/// object start or stop matching. Both are frozen: readers must not mutate them.</summary>
public sealed record StoreEvent(long ResourceVersion, StoreEventType Type, string Resource, string Namespace, JsonObject Object, JsonObject? Previous);
