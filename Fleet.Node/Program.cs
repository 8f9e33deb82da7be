using System.CommandLine;
using Fleet.Node.Commands;
using Fleet.Node.Crds;

var root = new RootCommand("Fleet: GitOps for Kubernetes with Flux's APIs, as one active-active actor cluster.")
{
    NodeCommand.Create(),
    CrdCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
