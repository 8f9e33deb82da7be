using System.CommandLine;
using Fleet.Node.Admin;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Admin;

/// <summary>Fleet's own verbs on the actor cluster, through a node's admin API: <c>nodes</c>, <c>cluster show|leave|down</c>, <c>shards</c>, <c>where</c>.</summary>
public static class AdminCommands
{
    public static IEnumerable<Command> Create() => [Nodes("nodes", "List the cluster's nodes: address, roles, status, reachability, leader"), Cluster(), Shards(), Where()];

    private static Command Nodes(string name, string description)
    {
        var command = AdminOptions.AddTo(new Command(name, $"{description}.\n\nExample:\n  fleet {(name == "show" ? "cluster show" : name)} --node http://127.0.0.1:9091 --token-file token"));
        CliAction.Set(command, async context =>
        {
            using var admin = AdminOptions.Connect(context);
            var view = await admin.GetAsync<ClusterView>("/admin/v1/cluster", context.Deadline);
            await context.Output.WriteAsync(TextTable.Render(
                ["Address", "Roles", "Status", "Reachable", "Leader", "Self"],
                view.Members.Select(m => (IReadOnlyList<string>)[m.Address, string.Join(',', m.Roles), m.Status, m.Reachable ? "True" : "False", m.Leader ? "True" : "False", m.Self ? "True" : "False"]),
                TextTable.TerminalWidth(context.Output)));
            return 0;
        });
        return command;
    }

    private static Command Cluster()
    {
        var address = new Argument<string>("node") { Description = "The member's address (akka.tcp://fleet@host:port or host:port)" };
        var leave = AdminOptions.AddTo(new Command("leave", "Ask a member to leave the cluster gracefully, handing its entities over.\n\nExample:\n  fleet cluster leave 127.0.0.1:4054 --node http://127.0.0.1:9091") { address });
        CliAction.Set(leave, async context =>
        {
            using var admin = AdminOptions.Connect(context);
            await admin.PostAsync("/admin/v1/cluster/leave", new AdminEndpoints.MemberRequest(context.Required(address)), context.Deadline);
            context.Log.Success($"{context.Required(address)} is leaving the cluster");
            return 0;
        });
        var downAddress = new Argument<string>("node") { Description = "The member's address (akka.tcp://fleet@host:port or host:port)" };
        var force = new Option<bool>("--force") { Description = "Down the member even though it is reachable (it may still run entities)" };
        var down = AdminOptions.AddTo(new Command("down", "Mark an unreachable member down so its entities move to the others.\n\nExample:\n  fleet cluster down 127.0.0.1:4054 --node http://127.0.0.1:9091") { downAddress, force });
        CliAction.Set(down, async context =>
        {
            using var admin = AdminOptions.Connect(context);
            await admin.PostAsync("/admin/v1/cluster/down", new AdminEndpoints.MemberRequest(context.Required(downAddress), context.Get(force)), context.Deadline);
            context.Log.Success($"{context.Required(downAddress)} marked down");
            return 0;
        });
        return new Command("cluster", "Show and steer the actor cluster") { Nodes("show", "Show the cluster's members: address, roles, status, reachability, leader"), leave, down };
    }

    private static Command Shards()
    {
        var entities = new Option<bool>("--entities") { Description = "Also list the answering node's shards and the entities in each" };
        var command = AdminOptions.AddTo(new Command("shards", "Shards and entities per node and kind (Akka's cluster sharding statistics).\n\nExample:\n  fleet shards --entities --node http://127.0.0.1:9091") { entities });
        CliAction.Set(command, async context =>
        {
            using var admin = AdminOptions.Connect(context);
            var view = await admin.GetAsync<ShardsView>("/admin/v1/shards", context.Deadline);
            var width = TextTable.TerminalWidth(context.Output);
            await context.Output.WriteAsync(TextTable.Render(
                ["Kind", "Node", "Shards", "Entities"],
                view.Cluster.Select(r => (IReadOnlyList<string>)[r.Kind, r.Node, $"{r.Shards}", $"{r.Entities}"]),
                width));
            if (context.Get(entities))
            {
                await context.Output.WriteLineAsync();
                await context.Output.WriteAsync(TextTable.Render(
                    ["Kind", "Shard", "Entities"],
                    view.Local.Select(s => (IReadOnlyList<string>)[s.Kind, s.ShardId, string.Join(' ', s.Entities)]),
                    width));
            }
            return 0;
        });
        return command;
    }

    private static Command Where()
    {
        var kind = new Argument<string>("kind") { Description = "The object's kind (Kustomization, ks, gitrepository, ...)" };
        var name = new Argument<string>("name") { Description = "The object's name" };
        var command = AdminOptions.AddTo(new Command("where", "Which node hosts an object's entity.\n\nExample:\n  fleet where ks apps -n flux-system --node http://127.0.0.1:9091") { kind, name });
        command.Options.Add(KubeOptions.Namespace);
        CliAction.Set(command, async context =>
        {
            var (fluxKind, objectName) = VerbKind.ParseReference($"{context.Required(kind)}/{context.Required(name)}");
            using var admin = AdminOptions.Connect(context);
            var at = await admin.GetAsync<LocationView>(
                $"/admin/v1/where/{fluxKind.Kind}/{Uri.EscapeDataString(context.Namespace)}/{Uri.EscapeDataString(objectName)}", context.Deadline);
            await context.Output.WriteLineAsync($"{at.Kind}/{at.Namespace}/{at.Name}\t{at.Node}{(at.Reconciling ? "\treconciling" : "")}");
            return 0;
        });
        return command;
    }
}
