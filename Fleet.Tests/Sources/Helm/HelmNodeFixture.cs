using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Helm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sources.Helm;

/// <summary>
/// One sandbox API server, one node whose logs are captured, and an HTTP chart repository serving `demo` 1.0.0, 1.1.0 and
/// 2.0.0-rc.1 (made with `helm package` and indexed with `helm repo index`). Tests use namespaces of their own.
/// </summary>
public sealed class HelmNodeFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-helm-");
    private WebApplication? _node;

    public SandboxServerFixture Sandbox { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public HelmCli Helm { get; private set; } = null!;

    public ChartRepositoryServer Charts { get; private set; } = null!;

    public string Temp => _temp.FullName;

    public async Task InitializeAsync()
    {
        Helm = new HelmCli(Path.Combine(Temp, "helm-home"));
        Charts = await ChartRepositoryServer.StartAsync(Path.Combine(Temp, "charts"));
        var sources = Path.Combine(Temp, "chart-sources");
        await Charts.PublishAsync(
            Helm,
            TestChart.Write(Path.Combine(sources, "a"), "demo", "1.0.0"),
            TestChart.Write(Path.Combine(sources, "b"), "demo", "1.1.0", "greeting: hi\nextra:\n  a: 1\n", new Dictionary<string, string> { ["prod.yaml"] = "extra:\n  b: 2\n" }),
            TestChart.Write(Path.Combine(sources, "c"), "demo", "2.0.0-rc.1"));
        await Sandbox.InitializeAsync();
        await CrdInstaller.InstallAsync(Sandbox.Client, FluxKinds.All);
        var settings = TestNodes.Settings with { DataDir = Path.Combine(Temp, "node"), Kubeconfig = Sandbox.Kubeconfig, MinimumLogLevel = LogLevel.Debug };
        _node = await TestNodes.StartAsync(settings, Logs);
    }

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
