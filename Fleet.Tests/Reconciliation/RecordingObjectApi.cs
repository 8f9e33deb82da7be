using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Tests.Reconciliation;

/// <summary>An API server of one object for entity tests: it applies and records every write, as the real one would.</summary>
public sealed class RecordingObjectApi(string objectJson) : IObjectApi
{
    private readonly Lock _gate = new();
    private JsonObject _live = JsonNode.Parse(objectJson)!.AsObject();

    public ConcurrentQueue<JsonObject> StatusPatches { get; } = new();

    public ConcurrentQueue<IReadOnlyList<string>> FinalizerWrites { get; } = new();

    public ConcurrentQueue<ObjectEvent> Events { get; } = new();

    /// <summary>The object as the API server holds it now, as the watch would deliver it.</summary>
    public string LiveJson
    {
        get
        {
            lock (_gate)
            {
                return _live.ToJsonString();
            }
        }
    }

    public Task PatchStatusAsync(FluxKind kind, ObjectKey key, JsonObject patch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _live = StatusDocument.WithStatusPatch(_live, patch);
        }
        StatusPatches.Enqueue(patch);
        return Task.CompletedTask;
    }

    public Task SetFinalizersAsync(FluxKind kind, ObjectKey key, IReadOnlyList<string> expected, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _live["metadata"]!["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]);
        }
        FinalizerWrites.Enqueue(finalizers);
        return Task.CompletedTask;
    }

    public Task RecordEventAsync(FluxKind kind, ObjectKey key, string? uid, ObjectEvent @event, CancellationToken cancellationToken)
    {
        Events.Enqueue(@event);
        return Task.CompletedTask;
    }
}
