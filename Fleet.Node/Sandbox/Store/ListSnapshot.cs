using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Store;

/// <summary>The objects of one resource at one resourceVersion, in key order (namespace, then name). Items are copies.</summary>
public sealed record ListSnapshot(long ResourceVersion, IReadOnlyList<JsonObject> Items);
