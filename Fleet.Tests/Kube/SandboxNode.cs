using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Tests.Kube;

/// <summary>A node pointed at the sandbox API server with a test's reconcilers, and a fresh namespace for the test's objects.</summary>
public sealed class SandboxNode(SandboxServerFixture sandbox, string prefix) : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory($"fleet-{prefix}-").FullName;
    private WebApplication? _node;

    public string Namespace { get; } = prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public IKubernetes Client => sandbox.Client;

    public async Task StartAsync(IReconcilerCatalog catalog)
    {
        await CrdInstaller.InstallAsync(Client, FluxKinds.All);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        _node = await TestNodes.StartAsync(TestNodes.Settings with { DataDir = _dataDir, Kubeconfig = sandbox.Kubeconfig }, catalog);
    }

    /// <summary>The entity's answer, sent once it has handled everything sent to it before.</summary>
    public Task<EntityQueries.EntityStateReply> EntityStateAsync(ObjectKey key) =>
        (_node ?? throw new InvalidOperationException("the node has not started"))
            .Services.GetRequiredService<ShardRegions>()
            .Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }
        Directory.Delete(_dataDir, recursive: true);
    }
}
