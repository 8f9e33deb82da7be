using System.CommandLine;

namespace Fleet.Node.Sandbox;

/// <summary>The <c>fleet sandbox</c> command tree.</summary>
public static class SandboxCommands
{
    public static Command Create()
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
        return new Command("sandbox", "Run Fleet's sandbox Kubernetes environment.") { apiServer };
    }
}
