using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Oci;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Oci;

/// <summary>
/// One sandbox API server, one node whose logs are captured, and two docker-registries: an open one over plain HTTP and
/// one demanding a basic login, with clients that push to them.
/// </summary>
public sealed class RegistryNodeFixture : IAsyncLifetime
{
    public const string User = "fleet";
    public const string Password = "Regi5try-s3cret-pw";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-registry-node-");
    private WebApplication? _node;

    public SandboxServerFixture Sandbox { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public RegistryServer Open { get; private set; } = null!;

    public RegistryServer Private { get; private set; } = null!;

    public OciClient OpenClient { get; private set; } = null!;

    public OciClient PrivateClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Open = await RegistryServer.StartAsync();
        Private = await RegistryServer.StartAsync(login: (User, Password));
        OpenClient = new OciClient(Open.Host, RegistryConnection.Anonymous with { Insecure = true });
        PrivateClient = new OciClient(Private.Host, RegistryConnection.Anonymous with { Insecure = true, Credentials = new RegistryCredentials(User, Password) });
        await Sandbox.InitializeAsync();
        await CrdInstaller.InstallAsync(Sandbox.Client, FluxKinds.All);
        var settings = TestNodes.Settings with { DataDir = Path.Combine(_temp.FullName, "node"), Kubeconfig = Sandbox.Kubeconfig, MinimumLogLevel = LogLevel.Debug };
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
        OpenClient.Dispose();
        PrivateClient.Dispose();
        await Open.DisposeAsync();
        await Private.DisposeAsync();
        _temp.Delete(recursive: true);
    }
}
