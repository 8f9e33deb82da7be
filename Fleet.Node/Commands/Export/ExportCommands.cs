using System.CommandLine;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Export;

/// <summary><c>fleet export</c>: objects as YAML a user can commit to Git, as flux exports them.</summary>
public static class ExportCommands
{
    private static readonly Option<bool> All = new("--all") { Description = "Export every object of the kind in the namespace", Recursive = true };

    public static Command Create()
    {
        var verb = KubeOptions.AddTo(new Command("export", "Export resources in YAML format"), allNamespaces: false);
        verb.Options.Add(All);
        KindTree.AddTo(verb, Leaf);
        return verb;
    }

    private static Command Leaf(VerbKind kind)
    {
        var name = new Argument<string?>("name") { Description = $"The {kind.Kind}'s name", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(kind.Word, $"Export {kind.Kind}s in YAML format.\n\nExample:\n  fleet export {kind.HumanKind} --all > {kind.Word}.yaml\n  fleet export {kind.HumanKind} podinfo > podinfo.yaml") { name };
        CliAction.Set(command, async context =>
        {
            var objects = new FluxObjects(context.Client);
            var ns = context.Namespace;
            if (context.Get(All))
            {
                var listed = await objects.ListAsync(kind.Kind, ns, context.Deadline);
                if (listed.Count == 0)
                {
                    throw new CliException($"no objects found in {ns} namespace");
                }
                foreach (var obj in listed)
                {
                    await context.Output.WriteAsync(ExportDocument.ToYaml(ExportDocument.Of(kind.Kind, obj)));
                }
                return 0;
            }
            var given = context.Get(name) ?? throw new CliException("name is required");
            var one = await objects.RequireAsync(kind.Kind, ns, given, context.Deadline);
            await context.Output.WriteAsync(ExportDocument.ToYaml(ExportDocument.Of(kind.Kind, one)));
            return 0;
        });
        return command;
    }
}
