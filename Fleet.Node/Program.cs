using System.CommandLine;
using Fleet.Node.Commands;
using Fleet.Node.Commands.Get;
using Fleet.Node.Commands.Push;
using Fleet.Node.Crds;
using Fleet.Node.Sandbox;

var root = new RootCommand("Fleet: GitOps for Kubernetes with Flux's APIs, as one active-active actor cluster.")
{
    NodeCommand.Create(),
    CrdCommands.Create(),
    SandboxCommands.Create(),
    GetCommands.Create(),
    PushCommands.Create(),
};

// Ctrl-C cancels the running command; give a node time to leave the cluster and hand its objects over.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await root.Parse(args).InvokeAsync(invocation);
