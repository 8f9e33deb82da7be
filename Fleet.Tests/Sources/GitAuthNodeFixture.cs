using Fleet.Node.Sandbox.Git;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sources;

/// <summary>
/// One sandbox API server, one node whose logs are captured, and the real git servers each auth kind needs:
/// sshd with a throw-away key, `git http-backend` demanding a bearer token, and one over HTTPS with a private CA.
/// </summary>
public sealed class GitAuthNodeFixture : IAsyncLifetime
{
    public const string Token = "tok-Reconcile-7f3e9d1c-bearer";
    public const string Password = "s3cret-Https-Passw0rd";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-gitauth-");
    private WebApplication? _node;

    public SandboxServerFixture Sandbox { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public TestCertificates Certificates { get; } = TestCertificates.Create();

    public GitWorkRepository Repo { get; private set; } = null!;

    public GitSshServer Ssh { get; private set; } = null!;

    public GitHttpServer Bearer { get; private set; } = null!;

    public GitHttpServer Https { get; private set; } = null!;

    public string Temp => _temp.FullName;

    public async Task InitializeAsync()
    {
        var served = Directory.CreateDirectory(Path.Combine(Temp, "served")).FullName;
        Repo = GitWorkRepository.Init(served, "app", branch: "main");
        Repo.Write("deploy/app.yaml", "replicas: 3\n").Commit("first");
        Ssh = await GitSshServer.StartAsync();
        Bearer = await GitHttpServer.StartAsync(served, GitHttpAuth.Bearer(Token));
        Https = await GitHttpServer.StartAsync(served, GitHttpAuth.Basic("fleet", Password), Certificates.Server);
        await Sandbox.InitializeAsync();
        await CrdInstaller.InstallAsync(Sandbox.Client, FluxKinds.All);
        // Debug: whatever a node might log about a failing fetch is captured and searched for credentials.
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
        await Https.DisposeAsync();
        await Bearer.DisposeAsync();
        await Ssh.DisposeAsync();
        Certificates.Dispose();
        _temp.Delete(recursive: true);
    }
}
