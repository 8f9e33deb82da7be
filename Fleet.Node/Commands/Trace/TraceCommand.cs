using System.CommandLine;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using Fleet.Node.Commands.Reconcile;
using Fleet.Node.Commands.Tree;

namespace Fleet.Node.Commands.Trace;

/// <summary>
/// <c>fleet trace &lt;kind&gt; &lt;name&gt;</c> (or <c>kind/name</c>): which Kustomization applied an object, from which
/// source and revision. The managing Kustomization is found by its inventory, so the object itself need not be readable.
/// </summary>
public static class TraceCommand
{
    /// <summary>kubectl's short names for the kinds a Kustomization usually applies.</summary>
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deploy"] = "Deployment",
        ["cm"] = "ConfigMap",
        ["svc"] = "Service",
        ["ns"] = "Namespace",
        ["sa"] = "ServiceAccount",
        ["sts"] = "StatefulSet",
        ["ds"] = "DaemonSet",
        ["ing"] = "Ingress",
        ["po"] = "Pod",
        ["pvc"] = "PersistentVolumeClaim",
        ["ks"] = "Kustomization",
        ["hr"] = "HelmRelease",
        ["crd"] = "CustomResourceDefinition",
    };

    public static Command Create()
    {
        var target = new Argument<string[]>("object") { Description = "<kind> <name> or <kind>/<name>", Arity = new ArgumentArity(1, 2) };
        var command = KubeOptions.AddTo(new Command("trace", "Trace an in-cluster object to the Flux objects that manage it.\n\nExample:\n  fleet trace -n apps deployment greeter\n  fleet trace namespace apps") { target }, allNamespaces: false);
        CliAction.Set(command, async context =>
        {
            var (kindWord, name) = Split(context.Get(target) ?? []);
            var kind = ShortNames.TryGetValue(kindWord, out var full) ? full : kindWord;
            var objects = new FluxObjects(context.Client);
            foreach (var ks in await objects.ListAsync(FluxKinds.Kustomization, null, context.Deadline))
            {
                var entries = InventoryTree.Entries(ks);
                // A cluster-scoped object has no namespace in its inventory id; a namespaced one is looked for in -n.
                var entry = entries.FirstOrDefault(e => Matches(e, kind, name, context.Namespace)) ?? entries.FirstOrDefault(e => Matches(e, kind, name, ""));
                if (entry is null)
                {
                    continue;
                }
                var (sourceKind, source) = await SourceAsync(objects, ks, context.Deadline);
                await context.Output.WriteAsync(TraceReport.Render(entry, ks, sourceKind, source));
                return 0;
            }
            throw new CliException($"object not managed by Flux: no Kustomization's inventory holds {kind}/{name}");
        });
        return command;
    }

    private static (string Kind, string Name) Split(string[] words) => words switch
    {
        [var reference] when reference.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 => (reference[..slash], reference[(slash + 1)..]),
        [var kind, var name] => (kind, name),
        _ => throw new CliException("expected <kind> <name> or <kind>/<name>"),
    };

    private static bool Matches(ObjectRef entry, string kind, string name, string @namespace) =>
        entry.Name == name && entry.Namespace == @namespace
        && (string.Equals(entry.Kind, kind, StringComparison.OrdinalIgnoreCase) || string.Equals(entry.Kind + "s", kind, StringComparison.OrdinalIgnoreCase));

    private static async Task<(FluxKind? Kind, JsonObject? Source)> SourceAsync(FluxObjects objects, JsonObject ks, CancellationToken cancellationToken)
    {
        try
        {
            var (kind, ns, name) = ObjectReconcile.SourceOf(FluxKinds.Kustomization, ks, FluxObjects.NamespaceOf(ks));
            return (kind, await objects.GetAsync(kind, ns, name, cancellationToken));
        }
        catch (CliException)
        {
            return (null, null);
        }
    }
}
