using System.CommandLine;
using Fleet.Node.Commands;
using Fleet.Node.Commands.Admin;
using Fleet.Node.Commands.Delete;
using Fleet.Node.Commands.Events;
using Fleet.Node.Commands.Export;
using Fleet.Node.Commands.Get;
using Fleet.Node.Commands.Push;
using Fleet.Node.Commands.Reconcile;
using Fleet.Node.Commands.Suspend;
using Fleet.Node.Commands.Trace;
using Fleet.Node.Commands.Tree;
using Fleet.Node.Commands.Version;
using Fleet.Node.Crds;
using Fleet.Node.Sandbox;

var root = new RootCommand("Fleet: GitOps for Kubernetes with Flux's APIs, as one active-active actor cluster.")
{
    NodeCommand.Create(),
    CrdCommands.Create(),
    SandboxCommands.Create(),
    GetCommands.Create(),
    ReconcileCommands.Create(),
    SuspendCommands.CreateSuspend(),
    SuspendCommands.CreateResume(),
    ExportCommands.Create(),
    DeleteCommands.Create(),
    EventsCommand.Create(),
    TreeCommands.Create(),
    TraceCommand.Create(),
    VersionCommands.CreateVersion(),
    VersionCommands.CreateCheck(),
    PushCommands.Create(),
};
foreach (var admin in AdminCommands.Create())
{
    root.Subcommands.Add(admin);
}

// Ctrl-C cancels the running command; give a node time to leave the cluster and hand its objects over.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await root.Parse(args).InvokeAsync(invocation);
