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

    [Fact]
    public void TheSandboxRunsUnderDotFleetByDefaultAndWaitsTwoMinutesWhenAskedToExit()
    {
        var command = SandboxCommands.Create();
        var parse = command.Parse([]);

        Assert.Empty(parse.Errors);
        Assert.Equal(Path.Combine(".fleet", "sandbox"), parse.GetValue<string>("--data-dir"));
        Assert.Equal(Path.Combine(".fleet", "sandbox.kubeconfig"), parse.GetValue<string>("--kubeconfig-out"));
        Assert.Null(parse.GetValue<TimeSpan?>("--timeout"));
        Assert.False(parse.GetValue<bool>("--exit-when-ready"));
    }

    [Fact]
    public void HelpShowsTheTimeoutAsUsersWriteIt()
    {
        var output = new StringWriter();
        new System.CommandLine.RootCommand { SandboxCommands.Create() }.Parse(["sandbox", "--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });
        Assert.Contains("[default: 2m]", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("00:02:00", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5s", 5)]
    [InlineData("1m30s", 90)]
    public void TheTimeoutTakesGoDurations(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SandboxCommands.Create().Parse(["--exit-when-ready", "--timeout", text]).GetValue<TimeSpan?>("--timeout"));

    [Fact]
    public void ATimeoutThatIsNotADurationIsRefused() =>
        Assert.NotEmpty(SandboxCommands.Create().Parse(["--timeout", "soon"]).Errors);
}
