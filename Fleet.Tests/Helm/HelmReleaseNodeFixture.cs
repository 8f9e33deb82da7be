using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Sandbox.Conformance;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Helm;
using Microsoft.AspNetCore.Builder;

namespace Fleet.Tests.Helm;

/// <summary>
/// One sandbox API server, one node, and an HTTP chart repository serving `greeter` 1.0.0 and 1.1.0 and the seed's `payment-service` 2.1.0 (<see cref="ReleaseCharts"/>,
/// made with `helm package` and indexed with `helm repo index`). Tests use namespaces of their own.
/// </summary>
public sealed class HelmReleaseNodeFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-hr-");
    private WebApplication? _node;

    public SandboxServerFixture Sandbox { get; } = new();

    public HelmCli Helm { get; private set; } = null!;

    public ChartRepositoryServer Charts { get; private set; } = null!;

    public string Temp => _temp.FullName;

    public async Task InitializeAsync()
    {
        Helm = new HelmCli(Path.Combine(Temp, "helm-home"));
        Charts = await ChartRepositoryServer.StartAsync(Path.Combine(Temp, "charts"));
        var sources = Path.Combine(Temp, "chart-sources");
        await Charts.PublishAsync(
            Helm, ReleaseCharts.Write(sources, "greeter", "1.0.0"), ReleaseCharts.Write(sources, "greeter", "1.1.0"), ReleaseCharts.WritePaymentService(sources, "2.1.0"));
        await Sandbox.InitializeAsync();
        await CrdInstaller.InstallAsync(Sandbox.Client, FluxKinds.All);
        _node = await TestNodes.StartAsync(TestNodes.Settings with { DataDir = Path.Combine(Temp, "node"), Kubeconfig = Sandbox.Kubeconfig });
    }

    /// <summary>Runs the pinned helm against the sandbox, as a person at a terminal would.</summary>
    public async Task<string> HelmAsync(params string[] args) =>
        (await new CliRun(Sandbox.Kubeconfig, Temp).RunAsync(ToolLocator.Helm, args, timeoutSeconds: 90)).Succeeded().Stdout;

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }
        await Sandbox.DisposeAsync();
        await Charts.DisposeAsync();
        _temp.Delete(recursive: true);
    }
}
