using System.CommandLine;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Reconcile;

/// <summary><c>fleet reconcile</c>: asks for a reconcile now (<c>reconcile.fluxcd.io/requestedAt</c>) and waits for its outcome, as flux does.</summary>
public static class ReconcileCommands
{
    public static Command Create()
    {
        var verb = KubeOptions.AddTo(new Command("reconcile", "Reconcile sources and resources: annotate them and wait for the outcome"), allNamespaces: false);
        KindTree.AddTo(verb, Leaf);
        return verb;
    }

    private static Command Leaf(VerbKind kind)
    {
        var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name" };
        var command = new Command(kind.Word, $"Reconcile a {kind.Kind} and wait for it to finish.\n\nExample:\n  fleet reconcile {kind.HumanKind} podinfo{(WithSource(kind.Kind) ? $" --with-source" : "")}") { name };
        var withSource = new Option<bool>("--with-source") { Description = $"Reconcile the {kind.Kind}'s source first" };
        var force = new Option<bool>("--force") { Description = "Force a one-off install or upgrade of the HelmRelease" };
        var reset = new Option<bool>("--reset") { Description = "Reset the failure count of this HelmRelease" };
        if (WithSource(kind.Kind))
        {
            command.Options.Add(withSource);
        }
        if (kind.Kind == FluxKinds.HelmRelease)
        {
            command.Options.Add(force);
            command.Options.Add(reset);
        }
        CliAction.Set(command, context => new ObjectReconcile(context, TimeProvider.System).RunAsync(
            kind.Kind,
            context.Namespace,
            context.Required(name),
            new ReconcileRequest(WithSource(kind.Kind) && context.Get(withSource), context.Get(force), context.Get(reset))));
        return command;
    }

    private static bool WithSource(FluxKind kind) => kind == FluxKinds.Kustomization || kind == FluxKinds.HelmRelease;
}
