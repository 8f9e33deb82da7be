using System.CommandLine;

namespace Fleet.Node.Commands.Cli;

/// <summary>Builds a verb's sub-commands per kind as flux nests them: <c>source git</c>, <c>image policy</c>, <c>kustomization</c> (<c>ks</c>).</summary>
public static class KindTree
{
    /// <param name="leaf">Makes the command of one kind; null leaves the kind out of this verb.</param>
    public static void AddTo(Command verb, Func<VerbKind, Command?> leaf, IEnumerable<VerbKind>? kinds = null)
    {
        var groups = new Dictionary<string, Command>();
        foreach (var kind in kinds ?? VerbKind.All)
        {
            if (leaf(kind) is not { } command)
            {
                continue;
            }
            foreach (var alias in kind.Aliases)
            {
                command.Aliases.Add(alias);
            }
            if (kind.Group is null)
            {
                verb.Subcommands.Add(command);
                continue;
            }
            if (!groups.TryGetValue(kind.Group, out var group))
            {
                group = new Command(kind.Group, $"{verb.Name} {kind.Group}s");
                group.Aliases.Add(kind.Group + "s");
                groups[kind.Group] = group;
                verb.Subcommands.Add(group);
            }
            group.Subcommands.Add(command);
        }
    }
}
