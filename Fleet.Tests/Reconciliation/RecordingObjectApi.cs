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

    private int _statusPatchesToRefuse;

    public ConcurrentQueue<JsonObject> StatusPatches { get; } = new();

    /// <summary>The next <paramref name="count"/> status patches fail as an unreachable API server's would, and change nothing.</summary>
    public void RefuseStatusPatches(int count) => Interlocked.Exchange(ref _statusPatchesToRefuse, count);

    public int RefusedStatusPatches;

    private int _finalizerWritesToRefuse;

    /// <summary>The next <paramref name="count"/> finalizer writes fail as an unreachable API server's would, and change nothing.</summary>
    public void RefuseFinalizerWrites(int count) => Interlocked.Exchange(ref _finalizerWritesToRefuse, count);

    public int RefusedFinalizerWrites;

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
        if (Interlocked.Decrement(ref _statusPatchesToRefuse) >= 0)
        {
            Interlocked.Increment(ref RefusedStatusPatches);
            return Task.FromException(new HttpRequestException("Connection refused (127.0.0.1:6443)"));
        }
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
        if (Interlocked.Decrement(ref _finalizerWritesToRefuse) >= 0)
        {
            Interlocked.Increment(ref RefusedFinalizerWrites);
            return Task.FromException(new HttpRequestException("Connection refused (127.0.0.1:6443)"));
        }
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
