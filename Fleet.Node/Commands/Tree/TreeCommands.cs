using System.CommandLine;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Tree;

/// <summary><c>fleet tree ks|hr &lt;name&gt;</c>: what an object applied, nested Kustomizations and HelmReleases expanded.</summary>
public static class TreeCommands
{
    public static Command Create()
    {
        var verb = KubeOptions.AddTo(new Command("tree", "Print the resources reconciled by Flux objects as a tree"), allNamespaces: false);
        KindTree.AddTo(verb, Leaf, VerbKind.All.Where(k => k.Kind == FluxKinds.Kustomization || k.Kind == FluxKinds.HelmRelease));
        return verb;
    }

    private static Command Leaf(VerbKind kind)
    {
        var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name" };
        var command = new Command(kind.Word, $"Print the resources reconciled by a {kind.Kind}.\n\nExample:\n  fleet tree {kind.Aliases[0]} flux-system") { name };
        CliAction.Set(command, async context =>
        {
            var tree = await new InventoryTree(new FluxObjects(context.Client)).BuildAsync(kind.Kind, context.Namespace, context.Required(name), context.Deadline);
            await context.Output.WriteAsync(tree.Render());
            return 0;
        });
        return command;
    }
}
