using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>managedFields bookkeeping for writes that are not server-side apply (POST, PUT and the other patches).</summary>
public static class ManagedFields
{
    /// <summary>
    /// Returns <paramref name="after"/> with its managedFields updated: the fields the write changed (all fields on
    /// create) go to <paramref name="manager"/>'s <c>Update</c> entry and leave the other managers' sets.
    /// The starting managedFields are chosen by <see cref="Requested"/>.
    /// </summary>
    public static JsonObject RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, DateTimeOffset time, string? subresource)
        => throw new NotSupportedException();

    /// <summary>
    /// The managedFields a write starts from: those the request body carries when it carries a non-empty list
    /// (<c>[{}]</c> thus clears them), otherwise the stored ones (a missing or <c>[]</c> list leaves them unchanged).
    /// Subresource writes always keep the stored ones.
    /// </summary>
    public static JsonArray Requested(JsonObject? before, JsonObject after, string? subresource) => throw new NotSupportedException();
}
