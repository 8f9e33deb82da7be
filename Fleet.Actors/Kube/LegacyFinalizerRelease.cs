using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Microsoft.Extensions.Logging;

namespace Fleet.Actors.Kube;

/// <summary>
/// Takes Fleet's finalizer off objects of a static kind (Provider, Alert). Earlier versions of Fleet put it there, and with
/// no entity left to remove it their deletion would hang; notification-controller drops its legacy finalizer the same way.
/// </summary>
public sealed class LegacyFinalizerRelease(IObjectApi api, FluxKind kind, ILogger logger)
{
    /// <summary>Called with each object the kind's watch delivers.</summary>
    public void Observe(IWithObjectKey message)
    {
        if (message is EntityCommands.ObserveObject observe && FinalizersOf(observe.ObjectJson) is { } finalizers && finalizers.Contains(FluxAnnotations.Finalizer))
        {
            _ = ReleaseAsync(observe.Key, finalizers);
        }
    }

    private async Task ReleaseAsync(ObjectKey key, IReadOnlyList<string> finalizers)
    {
        try
        {
            await api.SetFinalizersAsync(kind, key, finalizers, [.. finalizers.Where(f => f != FluxAnnotations.Finalizer)], CancellationToken.None);
        }
        catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            // The watch delivers the object again after a relist; the next delivery tries again.
            logger.LogWarning("{Kind} {Namespace}/{Name}: removing Fleet's legacy finalizer failed: {Error}", kind.Kind, key.Namespace, key.Name, error.Message);
        }
    }

    private static List<string>? FinalizersOf(string objectJson) =>
        JsonNode.Parse(objectJson)?["metadata"]?["finalizers"] is JsonArray finalizers
            ? [.. finalizers.Select(f => f?.GetValueKind() == System.Text.Json.JsonValueKind.String ? f.GetValue<string>() : "")]
            : null;
}
