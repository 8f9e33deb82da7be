using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Store;

namespace Fleet.Node.Sandbox.Controllers;

/// <summary>
/// The cluster's background machinery, driven by every store change in order: namespace termination, garbage
/// collection through ownerReferences (background, foreground and orphan), and the simulated workload controllers
/// (<see cref="WorkloadSimulation"/>). Each step is idempotent, so the controllers' own writes settle into no-ops.
/// </summary>
public sealed class SandboxControllers : IAsyncDisposable
{
    private static readonly WriteOptions ControllerWrite = new(DefaultManager: "kube-controller-manager");
    private readonly ObjectService _objects;
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly WatchSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SandboxControllers(ObjectService objects, ObjectStore store, TimeProvider? time = null)
    {
        _objects = objects;
        _store = store;
        _time = time ?? TimeProvider.System;
        _subscription = store.Watch(null, null, store.ResourceVersion);
        _loop = Task.Run(LoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _subscription.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var e in _subscription.Events.ReadAllAsync(_stop.Token))
            {
                try
                {
                    Handle(e);
                }
                catch (ApiException)
                {
                    // A race with a client (object gone or changed meanwhile): the next event brings the new state.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await Console.Error.WriteLineAsync($"sandbox controllers: {e.Type} {e.Resource} {e.Namespace}/{e.Object["metadata"]?["name"]}: {ex}");
                }
            }
        }
        catch (ChannelClosedException)
        {
            // Subscription closed on shutdown.
        }
    }

    private void Handle(StoreEvent e)
    {
        var type = _objects.Catalog.All.FirstOrDefault(r => r.StoreKey == e.Resource);
        if (type is null)
        {
            return;
        }

        var obj = e.Object;
        var metadata = obj["metadata"]!;
        var name = metadata["name"]!.GetValue<string>();
        if (e.Type == StoreEventType.Deleted)
        {
            var uid = metadata["uid"]!.GetValue<string>();
            foreach (var (depType, dependent) in Dependents(uid))
            {
                Delete(depType, dependent, "Background");
            }

            foreach (var owner in (metadata["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>())
            {
                FinishForegroundOwner(owner, e.Namespace);
            }

            if (e.Namespace.Length > 0)
            {
                FinishNamespace(e.Namespace);
            }

            return;
        }

        if (metadata["deletionTimestamp"] is not null)
        {
            OnDeleting(type, obj, name);
            return;
        }

        if (type.Group == "apps" && type.Kind == "Deployment")
        {
            var replicaSetName = EnsureReplicaSet(obj);
            WriteStatus(type, obj, WorkloadSimulation.Status(type.Group, type.Kind, obj, Now(), replicaSetName));
            return;
        }

        if (type.HasStatus && !type.IsCustom)
        {
            WriteStatus(type, obj, WorkloadSimulation.Status(type.Group, type.Kind, obj, Now()));
        }
    }

    private void OnDeleting(ResourceType type, JsonObject obj, string name)
    {
        var metadata = obj["metadata"]!;
        var ns = metadata["namespace"]?.GetValue<string>();
        if (type.Group.Length == 0 && type.Kind == "Namespace")
        {
            foreach (var (resource, objectName) in _store.NamespaceContents(name))
            {
                if (_objects.Catalog.All.FirstOrDefault(r => r.StoreKey == resource) is { } contentType)
                {
                    try
                    {
                        _objects.Delete(contentType, name, objectName, new DeleteOptions("Background"));
                    }
                    catch (ApiException e) when (e.Code == 404)
                    {
                        // Already gone.
                    }
                }
            }

            FinishNamespace(name);
            return;
        }

        var finalizers = (metadata["finalizers"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).ToList();
        var uid = metadata["uid"]!.GetValue<string>();
        if (finalizers.Contains("orphan"))
        {
            foreach (var (depType, dependent) in Dependents(uid))
            {
                var depMetadata = dependent["metadata"]!;
                _objects.Modify(depType, depMetadata["namespace"]?.GetValue<string>(), depMetadata["name"]!.GetValue<string>(), null, o =>
                {
                    var refs = o["metadata"]!["ownerReferences"] as JsonArray ?? [];
                    foreach (var reference in refs.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
                    {
                        refs.Remove(reference);
                    }

                    if (refs.Count == 0)
                    {
                        o["metadata"]!.AsObject().Remove("ownerReferences");
                    }

                    return o;
                }, ControllerWrite);
            }

            RemoveFinalizer(type, ns, name, "orphan");
        }
        else if (finalizers.Contains("foregroundDeletion"))
        {
            var dependents = Dependents(uid);
            foreach (var (depType, dependent) in dependents)
            {
                Delete(depType, dependent, "Foreground");
            }

            if (dependents.Count == 0)
            {
                RemoveFinalizer(type, ns, name, "foregroundDeletion");
            }
        }
    }

    private void FinishForegroundOwner(JsonObject ownerReference, string ns)
    {
        var ownerUid = ownerReference["uid"]?.GetValue<string>();
        if (ownerUid is null || _store.FindByUid(ownerUid) is not { } owner || owner.Object["metadata"]?["deletionTimestamp"] is null)
        {
            return;
        }

        var type = _objects.Catalog.All.FirstOrDefault(r => r.StoreKey == owner.Resource);
        if (type is not null && Dependents(ownerUid).Count == 0)
        {
            RemoveFinalizer(type, type.Namespaced ? ns : null, owner.Object["metadata"]!["name"]!.GetValue<string>(), "foregroundDeletion");
        }
    }

    private void FinishNamespace(string ns)
    {
        var nsType = _objects.Catalog.Find("", "v1", "namespaces")!;
        var namespaceObject = _objects.TryGet(nsType, null, ns);
        if (namespaceObject?["metadata"]?["deletionTimestamp"] is null || _store.NamespaceContents(ns).Count > 0)
        {
            return;
        }

        _objects.Modify(nsType, null, ns, "finalize", o =>
        {
            o["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
            return o;
        }, ControllerWrite);
    }

    private void RemoveFinalizer(ResourceType type, string? ns, string name, string finalizer) =>
        _objects.Modify(type, ns, name, null, o =>
        {
            if (o["metadata"]!["finalizers"] is JsonArray finalizers)
            {
                foreach (var entry in finalizers.Where(f => f?.GetValue<string>() == finalizer).ToList())
                {
                    finalizers.Remove(entry);
                }
            }

            return o;
        }, ControllerWrite);

    private List<(ResourceType Type, JsonObject Object)> Dependents(string ownerUid)
    {
        var found = new List<(ResourceType, JsonObject)>();
        foreach (var (resource, candidate) in _store.Dependents(ownerUid))
        {
            if (_objects.Catalog.All.FirstOrDefault(r => r.StoreKey == resource) is { } type)
            {
                found.Add((type, candidate));
            }
        }

        return found;
    }

    private void Delete(ResourceType type, JsonObject obj, string policy)
    {
        var metadata = obj["metadata"]!;
        if (metadata["deletionTimestamp"] is not null)
        {
            return;
        }

        _objects.Delete(type, metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>(), new DeleteOptions(policy));
    }

    /// <summary>Creates or updates the Deployment's current ReplicaSet and removes the ones of older templates.</summary>
    private string EnsureReplicaSet(JsonObject deployment)
    {
        var rsType = _objects.Catalog.Find("apps", "v1", "replicasets")!;
        var desired = WorkloadSimulation.ReplicaSetFor(deployment);
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        var name = desired["metadata"]!["name"]!.GetValue<string>();
        var uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        foreach (var (type, old) in Dependents(uid).Where(d => d.Type == rsType && d.Object["metadata"]!["name"]!.GetValue<string>() != name))
        {
            Delete(type, old, "Background");
        }

        var existing = _objects.TryGet(rsType, ns, name);
        if (existing is null)
        {
            _objects.Create(rsType, ns, desired, ControllerWrite);
        }
        else if (!JsonNode.DeepEquals(existing["spec"]?["replicas"], desired["spec"]!["replicas"])
            || !JsonNode.DeepEquals(existing["metadata"]?["annotations"], desired["metadata"]!["annotations"]))
        {
            _objects.Modify(rsType, ns, name, null, o =>
            {
                o["spec"]!["replicas"] = desired["spec"]!["replicas"]!.DeepClone();
                o["metadata"]!["annotations"] = desired["metadata"]!["annotations"]!.DeepClone();
                return o;
            }, ControllerWrite);
        }

        return name;
    }

    private void WriteStatus(ResourceType type, JsonObject obj, JsonObject? status)
    {
        if (status is null || JsonNode.DeepEquals(obj["status"], status))
        {
            return;
        }

        var metadata = obj["metadata"]!;
        var subresource = type.HasStatus ? "status" : null;
        _objects.Modify(type, metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>(), subresource, o =>
        {
            o["status"] = status.DeepClone();
            return o;
        }, ControllerWrite);
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
