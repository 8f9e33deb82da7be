using System.CommandLine;
using System.CommandLine.Parsing;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Sandbox;

/// <summary>The <c>fleet sandbox</c> command tree: the whole sandbox (<see cref="SandboxRun"/>) or only its API server.</summary>
public static class SandboxCommands
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var sandbox = new Command("sandbox", "Run Fleet against a sandbox Kubernetes API server, syncing an example Git repository, until Ctrl-C.")
        {
            CreateApiServer(),
        };
        var defaults = new FleetSandboxOptions();
        var dataDir = new Option<string>("--data-dir") { Description = "Holds the example repository (kept across runs) and the node's files", DefaultValueFactory = _ => defaults.DataDir };
        var kubeconfigOut = new Option<string>("--kubeconfig-out") { Description = "Where to write the sandbox API server's kubeconfig", DefaultValueFactory = _ => defaults.KubeconfigOut };
        var port = new Option<int>("--port") { Description = "Loopback port of the API server; 0 picks a free one", DefaultValueFactory = _ => 0 };
        var exitWhenReady = new Option<bool>("--exit-when-ready") { Description = "Exit 0 once every object is Ready, or 1 with their conditions at --timeout" };
        // No DefaultValueFactory: help would print the default as 00:02:00 rather than as users write it.
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "How long --exit-when-ready waits, e.g. 90s or 2m [default: 2m]",
            CustomParser = ParseDuration,
        };
        sandbox.Options.Add(dataDir);
        sandbox.Options.Add(kubeconfigOut);
        sandbox.Options.Add(port);
        sandbox.Options.Add(exitWhenReady);
        sandbox.Options.Add(timeout);
        sandbox.SetAction((parse, cancellationToken) => SandboxRun.RunAsync(
            defaults with { DataDir = parse.GetValue(dataDir)!, KubeconfigOut = parse.GetValue(kubeconfigOut)!, Port = parse.GetValue(port) },
            parse.GetValue(exitWhenReady),
            parse.GetValue(timeout) ?? DefaultTimeout,
            Console.Out,
            Console.Error,
            cancellationToken));
        return sandbox;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (GoDuration.TryParse(text, out var duration))
        {
            return duration.Value;
        }
        result.AddError($"--timeout: \"{text}\" is not a duration such as 30s, 2m or 1m30s");
        return null;
    }

    private static Command CreateApiServer()
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on; 0 picks a free port.", DefaultValueFactory = _ => 0 };
        var kubeconfigOut = new Option<string>("--kubeconfig-out") { Description = "Where to write a kubeconfig for the server.", Required = true };
        var token = new Option<string?>("--token") { Description = "Require this bearer token on every request." };
        var rbac = new Option<bool>("--rbac") { Description = "Authorize requests with Roles, ClusterRoles and their bindings." };
        var apiServer = new Command("api-server", "Run only the sandbox Kubernetes API server until Ctrl-C.") { port, kubeconfigOut, token, rbac };
        apiServer.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SandboxApiServerOptions { Port = parse.GetValue(port), Token = parse.GetValue(token), Rbac = parse.GetValue(rbac) };
            await using var server = await SandboxApiServer.StartAsync(options, cancellationToken);
            var path = parse.GetValue(kubeconfigOut)!;
            server.WriteKubeconfig(path);
            await Console.Out.WriteLineAsync($"sandbox API server listening on {server.Url}; kubeconfig written to {path}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: shut down cleanly.
            }

            return 0;
        });
        return apiServer;
    }
}
