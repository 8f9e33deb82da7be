using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Store;

/// <summary>The outcome of <see cref="ObjectStore.Write"/>: the stored (or, for dry runs, would-be stored) object, or
/// the final state of a deleted one, and what happened.</summary>
public sealed record WriteResult(JsonObject? Object, WriteOutcome Outcome);
