using Fleet.Node.Sandbox;
using Fleet.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Commands;

/// <summary>The whole sandbox (API server, one Fleet node, the example repository over HTTP) with its objects Ready, for verbs that need a reconciling node.</summary>
public sealed class FleetSandboxFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-cli-");
    private FleetSandbox? _sandbox;

    public FleetSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("fixture not started");

    public string Kubeconfig => Path.Combine(_temp.FullName, "sandbox.kubeconfig");

    public async Task InitializeAsync()
    {
        _sandbox = await FleetSandbox.StartAsync(new FleetSandboxOptions
        {
            DataDir = Path.Combine(_temp.FullName, "data"),
            KubeconfigOut = Kubeconfig,
            NodeLogLevel = LogLevel.Error,
        });
        await Eventually.True(async () => (await Sandbox.ReadAsync()).All(o => o.Ready), TimeSpan.FromSeconds(60), () => "the sandbox's GitRepository and Kustomizations Ready");
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
        _temp.Delete(recursive: true);
    }
}
