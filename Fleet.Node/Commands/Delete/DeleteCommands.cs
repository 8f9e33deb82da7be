using System.CommandLine;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Delete;

/// <summary><c>fleet delete</c>: deletes one object after a confirmation (<c>--silent</c> skips it), as flux does.</summary>
public static class DeleteCommands
{
    private static readonly Option<bool> Silent = new("--silent", "-s") { Description = "Delete without asking for confirmation", Recursive = true };

    public static Command Create()
    {
        var verb = KubeOptions.AddTo(new Command("delete", "Delete sources and resources"), allNamespaces: false);
        verb.Options.Add(Silent);
        KindTree.AddTo(verb, Leaf);
        return verb;
    }

    private static Command Leaf(VerbKind kind)
    {
        var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name" };
        var command = new Command(kind.Word, $"Delete a {kind.Kind}.\n\nExample:\n  fleet delete {kind.HumanKind} podinfo --silent") { name };
        CliAction.Set(command, async context =>
        {
            var objects = new FluxObjects(context.Client);
            var ns = context.Namespace;
            var given = context.Required(name);
            await objects.RequireAsync(kind.Kind, ns, given, context.Deadline);
            if (!context.Get(Silent) && !Confirmed(context, $"Are you sure you want to delete this {kind.HumanKind}"))
            {
                throw new CliException("aborting");
            }
            context.Log.Action($"deleting {kind.HumanKind} {given} in {ns} namespace");
            await objects.DeleteAsync(kind.Kind, ns, given, context.Deadline);
            context.Log.Success($"{kind.HumanKind} deleted");
            return 0;
        });
        return command;
    }

    private static bool Confirmed(CliContext context, string question)
    {
        context.Log.Writer.Write($"? {question} [y/N] ");
        var answer = Console.In.ReadLine();
        return answer is not null && answer.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
