using System.Text.Json;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Fleet.Actors.Kube;

/// <summary>
/// Lists and watches every object of one kind and routes each change to its entity: resumes from the
/// last resourceVersion (bookmarks included), lists again after 410 Gone, and forgets objects that
/// vanished while it was not watching. Several nodes may run it at once: entities are idempotent.
/// </summary>
public sealed class ObjectWatchLoop(IKubernetes client, FluxKind kind, Action<IWithObjectKey> route, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly HashSet<ObjectKey> _known = [];

    /// <summary>How long a watch request stays open before it is renewed.</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>Called after every complete list: the node's readiness waits for each kind's first.</summary>
    public Action? Listed { get; init; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(cancellationToken);
                    Listed?.Invoke();
                }
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or KubernetesException or JsonException or IOException)
            {
                logger.LogWarning("watching {Kind}: {Error}; retrying in {Delay}", kind.Plural, e.Message, backoff);
                resourceVersion = null;
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Routes every listed object, forgets known objects that are gone, returns the list's resourceVersion.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken);
        var seen = new HashSet<ObjectKey>();
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var key = KeyOf(item);
            seen.Add(key);
            route(new EntityCommands.ObserveObject(key, item.GetRawText()));
        }
        foreach (var gone in _known.Except(seen).ToList())
        {
            route(new EntityCommands.ForgetObject(gone));
        }
        _known.Clear();
        _known.UnionWith(seen);
        return list.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "";
    }

    /// <summary>Watches from <paramref name="resourceVersion"/>; returns where to resume, or null when the version expired.</summary>
    private async Task<string?> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var expired = false;
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            kind.Group,
            kind.Version,
            kind.Plural,
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: WatchTimeoutSeconds,
            onError: e => expired |= e is KubernetesException { Status.Code: 410 },
            cancellationToken: cancellationToken);
        await foreach (var (type, body) in events.WithCancellation(cancellationToken))
        {
            var item = (JsonElement)body;
            resourceVersion = item.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? resourceVersion;
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    var key = KeyOf(item);
                    _known.Add(key);
                    route(new EntityCommands.ObserveObject(key, item.GetRawText()));
                    break;
                case WatchEventType.Deleted:
                    var deleted = KeyOf(item);
                    _known.Remove(deleted);
                    route(new EntityCommands.ForgetObject(deleted));
                    break;
            }
        }
        return expired ? null : resourceVersion;
    }

    private ObjectKey KeyOf(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        return new ObjectKey(kind.Kind, metadata.GetProperty("namespace").GetString() ?? "", metadata.GetProperty("name").GetString() ?? "");
    }
}
