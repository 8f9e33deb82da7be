using Fleet.Node.Sandbox;
using k8s;

namespace Fleet.Tests.Sandbox;

/// <summary>One sandbox API server per test class, with a client and a fresh kubeconfig and kubectl cache dir.</summary>
public class SandboxServerFixture : IAsyncLifetime
{
    private SandboxApiServer? _server;
    private IKubernetes? _client;

    public SandboxApiServer Server => _server ?? throw new InvalidOperationException("fixture not started");

    public IKubernetes Client => _client ?? throw new InvalidOperationException("fixture not started");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "fleet-sandbox-" + Guid.NewGuid().ToString("N")[..8]);

    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    protected virtual SandboxApiServerOptions Options => new() { BookmarkInterval = TimeSpan.FromMilliseconds(300), EventLogCapacity = 1000 };

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _server = await SandboxApiServer.StartAsync(Options);
        _server.WriteKubeconfig(Kubeconfig);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl cache file still open is not worth failing a test run for.
        }
    }
}
