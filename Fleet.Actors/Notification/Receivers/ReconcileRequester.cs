using System.Text.Json.Nodes;
using Fleet.Actors.Sharding;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// Asks one object to reconcile now, both ways: the <c>reconcile.fluxcd.io/requestedAt</c> annotation Flux's receiver
/// writes (so the request is visible and other controllers honour it), and a <see cref="EntityCommands.RequestReconcile"/>
/// to its entity through its shard region, so the run starts without waiting for the watch to deliver the annotation.
/// </summary>
public sealed class ReconcileRequester(IKubernetes kubernetes, ShardRegions regions, TimeProvider clock)
{
    public async Task RequestAsync(ReceiverTarget target, CancellationToken cancellationToken)
    {
        var requestedAt = ReconcileRequestedAt.Format(clock.GetUtcNow());
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = requestedAt } },
        };
        try
        {
            await kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                target.Group, target.Version, target.Namespace, target.Kind.Plural, target.Name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new ReceiverTargetException(
                $"failed to annotate resource: '{target}': the API server answered {(int)e.Response.StatusCode} {e.Response.StatusCode}");
        }
        if (target.Kind.Reconciled && regions.ByKind.ContainsKey(target.Kind.Kind))
        {
            regions.Tell(new EntityCommands.RequestReconcile(target.Key, requestedAt));
        }
    }
}
