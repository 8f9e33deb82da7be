using Fleet.Node.Sandbox;
using k8s;

namespace Fleet.Tests.Sandbox;

public class SandboxCommandsTests
{
    [Fact]
    public async Task ApiServerRunsUntilCancelledAndWritesAUsableKubeconfig()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fleet-sandbox-cmd-" + Guid.NewGuid().ToString("N")[..8]);
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var parse = SandboxCommands.Create().Parse(["api-server", "--port", "0", "--kubeconfig-out", kubeconfig]);
        Assert.Empty(parse.Errors);
        var running = parse.InvokeAsync(cancellationToken: stop.Token);
        for (var i = 0; i < 100 && !File.Exists(kubeconfig); i++)
        {
            await Task.Delay(50);
        }

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        Assert.StartsWith("http://127.0.0.1:", config.Host, StringComparison.Ordinal);
        using (var client = new Kubernetes(config))
        {
            Assert.Contains((await client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "kube-system");
        }

        await stop.CancelAsync();
        Assert.Equal(0, await running);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TheKubeconfigOutputIsRequired() =>
        Assert.NotEmpty(SandboxCommands.Create().Parse(["api-server", "--port", "0"]).Errors);
}
