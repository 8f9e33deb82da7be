using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Reconcile;

/// <summary>One <c>fleet reconcile</c>: flux's steps and lines, from the suspended check to the success message.</summary>
public sealed class ObjectReconcile(CliContext context, TimeProvider clock)
{
    private readonly FluxObjects _objects = new(context.Client);

    public async Task<int> RunAsync(FluxKind kind, string @namespace, string name, ReconcileRequest request)
    {
        var obj = await _objects.RequireAsync(kind, @namespace, name, context.Deadline);
        if (!kind.Reconciled)
        {
            context.Log.Success("reconciliation not supported by the object");
            return 0;
        }
        if (FluxObjects.IsSuspended(obj))
        {
            throw new CliException("resource is suspended");
        }
        if (request.WithSource)
        {
            var (sourceKind, sourceNamespace, sourceName) = SourceOf(kind, obj, @namespace);
            await RunAsync(sourceKind, sourceNamespace, sourceName, new ReconcileRequest());
        }
        var handledBefore = ReconcileProgress.LastHandledReconcileAt(obj);
        context.Log.Action($"annotating {kind.Kind} {name} in {@namespace} namespace");
        await _objects.MergePatchAsync(kind, @namespace, name, Annotations(kind, request), context.Deadline);
        context.Log.Success($"{kind.Kind} annotated");
        var (state, settled) = await context.Log.WaitAsync(
            $"waiting for {kind.Kind} reconciliation",
            () => new ObjectWaiter(_objects, clock).UntilSettledAsync(kind, @namespace, name, o => ReconcileProgress.AfterRequest(o, handledBefore), context.Deadline));
        if (state == ReconcileState.Stalled)
        {
            throw new CliException(ReconcileProgress.MessageOf(settled, ConditionTypes.Stalled));
        }
        if (Fleet.Actors.Kube.ObjectConditions.Find(settled, ConditionTypes.Ready) is not { } ready)
        {
            throw new CliException("status can't be determined");
        }
        if (ready.Status != "True")
        {
            // Flux quotes the message for sources and not for the kinds reconciled with their source.
            var message = kind == FluxKinds.Kustomization || kind == FluxKinds.HelmRelease ? ready.Message : $"'{ready.Message}'";
            throw new CliException($"{kind.Kind} reconciliation failed: {message}");
        }
        context.Log.Success(SuccessMessages.Of(kind, settled));
        return 0;
    }

    private JsonObject Annotations(FluxKind kind, ReconcileRequest request)
    {
        var now = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
        var annotations = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = now };
        if (kind == FluxKinds.HelmRelease && request.Force)
        {
            annotations[FluxAnnotations.ReconcileForceAt] = now;
        }
        if (kind == FluxKinds.HelmRelease && request.Reset)
        {
            annotations[FluxAnnotations.ReconcileResetAt] = now;
        }
        return new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
    }

    /// <summary>A Kustomization's <c>sourceRef</c>; a HelmRelease's <c>chartRef</c>, else the HelmChart named <c>&lt;namespace&gt;-&lt;name&gt;</c>.</summary>
    public static (FluxKind Kind, string Namespace, string Name) SourceOf(FluxKind kind, JsonObject obj, string @namespace)
    {
        var spec = obj["spec"];
        var reference = kind == FluxKinds.Kustomization ? spec?["sourceRef"] : spec?["chartRef"];
        if (reference is not null)
        {
            var sourceKind = Text(reference["kind"]);
            var found = FluxKinds.Find(sourceKind);
            if (found is null || found.Group != FluxGroups.Source)
            {
                throw new CliException($"cannot reconcile source of kind {sourceKind}");
            }
            return (found, Text(reference["namespace"]) is { Length: > 0 } ns ? ns : @namespace, Text(reference["name"]));
        }
        var chartNamespace = Text(spec?["chart"]?["spec"]?["sourceRef"]?["namespace"]) is { Length: > 0 } given ? given : @namespace;
        return (FluxKinds.HelmChart, chartNamespace, $"{@namespace}-{FluxObjects.NameOf(obj)}");
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
