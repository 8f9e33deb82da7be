using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sharding;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Configuration;
using Fleet.Node.Hosting;
using Fleet.Node.Sandbox.Example;
using Fleet.Node.Sandbox.Git;
using Fleet.Node.Sandbox.Progress;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Node.Sandbox;

/// <summary>
/// Everything `fleet sandbox` runs in one process: the sandbox API server with Fleet's CRDs, one Fleet node on SQLite
/// pointed at it, the example repository served over smart HTTP, and the GitRepository and Kustomizations that sync
/// it. A new commit on the repository's branch asks the GitRepository to reconcile at once. Dispose to stop it all.
/// </summary>
public sealed class FleetSandbox : IAsyncDisposable
{
    private const string FieldManager = "fleet-sandbox";
    private static readonly TimeSpan CommitPollInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private SandboxApiServer? _apiServer;
    private IKubernetes? _client;
    private WebApplication? _node;
    private GitHttpServer? _gitServer;
    private Task _commitWatch = Task.CompletedTask;

    private FleetSandbox(FleetSandboxOptions options) => Options = options;

    public FleetSandboxOptions Options { get; }

    public SandboxApiServer ApiServer => _apiServer ?? throw new InvalidOperationException("the sandbox is not started");

    public IKubernetes Client => _client ?? throw new InvalidOperationException("the sandbox is not started");

    public ExampleRepository Repository { get; private set; } = null!;

    /// <summary>The URL the GitRepository fetches the example repository from.</summary>
    public string RepositoryUrl => _gitServer?.UrlOf(ExampleRepository.Name) ?? throw new InvalidOperationException("the sandbox is not started");

    /// <summary>Watch these until Ready: <c>Kind/namespace/name</c>.</summary>
    public static IReadOnlyList<string> WatchedIds { get; } =
        ExampleSync.Objects.Select(o => IdOf(o.Kind, o.Name)).ToList();

    public static async Task<FleetSandbox> StartAsync(FleetSandboxOptions options, CancellationToken cancellationToken = default)
    {
        var sandbox = new FleetSandbox(options);
        try
        {
            await sandbox.StartPartsAsync(cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where each watched object stands now.</summary>
    public async Task<IReadOnlyList<ObjectReadiness>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = new List<ObjectReadiness>();
        foreach (var (kind, name) in ExampleSync.Objects)
        {
            JsonObject? obj;
            try
            {
                obj = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
                    kind.Group, kind.Version, ExampleSync.Namespace, kind.Plural, name, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                obj = null;
            }
            snapshot.Add(ObjectReadiness.From(IdOf(kind, name), obj));
        }
        return snapshot;
    }

    private async Task StartPartsAsync(CancellationToken cancellationToken)
    {
        _apiServer = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { Port = Options.Port }, cancellationToken);
        _apiServer.WriteKubeconfig(Options.KubeconfigOut);
        _client = _apiServer.CreateClient();
        await CrdInstaller.InstallAsync(_client, FluxKinds.All, cancellationToken);
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ExampleSync.Namespace } }, cancellationToken: cancellationToken);

        // The API server starts empty each run, so the node's journal from an earlier run would only describe objects that are gone.
        var nodeDir = Path.Combine(Options.DataDir, "node");
        if (Directory.Exists(nodeDir))
        {
            Directory.Delete(nodeDir, recursive: true);
        }
        var settings = new NodeSettings
        {
            Hostname = "127.0.0.1",
            Port = 0,
            HttpPort = 0,
            WebhookPort = 0,
            DataDir = nodeDir,
            // Unpooled: a pooled connection would outlive the deleted journal and hand a later sandbox in the same
            // process (tests) the old file's events.
            JournalConnection = $"Data Source={Path.GetFullPath(Path.Combine(nodeDir, "fleet.db"))};Pooling=False",
            Kubeconfig = Options.KubeconfigOut,
            MinimumLogLevel = Options.NodeLogLevel,
        };
        _node = FleetNodeHost.Build(settings, new EntityRuntimeSettings());
        await _node.StartAsync(cancellationToken);
        await _node.Services.GetRequiredService<ShardRegions>().Started.WaitAsync(cancellationToken);

        var served = Path.Combine(Options.DataDir, "repositories");
        Repository = await ExampleRepository.EnsureAsync(served, cancellationToken);
        _gitServer = await GitHttpServer.StartAsync(Path.GetFullPath(served), cancellationToken: cancellationToken);

        await ApplyAsync(FluxKinds.GitRepository, ExampleSync.GitRepository(RepositoryUrl), cancellationToken);
        await ApplyAsync(FluxKinds.Kustomization, ExampleSync.InfrastructureKustomization(), cancellationToken);
        await ApplyAsync(FluxKinds.Kustomization, ExampleSync.AppsKustomization(), cancellationToken);
        _commitWatch = Task.Run(() => WatchCommitsAsync(_stop.Token), CancellationToken.None);
    }

    private async Task ApplyAsync(FluxKind kind, JsonObject obj, CancellationToken cancellationToken) =>
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(obj.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            kind.Group,
            kind.Version,
            ExampleSync.Namespace,
            kind.Plural,
            obj["metadata"]!["name"]!.GetValue<string>(),
            fieldManager: FieldManager,
            force: true,
            cancellationToken: cancellationToken);

    /// <summary>Flux would only notice a commit at the next interval; the sandbox sits next to the repository and can ask at once.</summary>
    private async Task WatchCommitsAsync(CancellationToken cancellationToken)
    {
        var seen = Repository.ReadHead();
        using var timer = new PeriodicTimer(CommitPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var head = Repository.ReadHead();
                if (head is null || head == seen)
                {
                    continue;
                }
                try
                {
                    await RequestReconcileAsync(cancellationToken);
                    seen = head;
                }
                catch (HttpOperationException)
                {
                    // The GitRepository is gone or the request raced a write; its interval still picks the commit up.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RequestReconcileAsync(CancellationToken cancellationToken)
    {
        var kind = FluxKinds.GitRepository;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture) },
            },
        };
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, ExampleSync.Namespace, kind.Plural, ExampleRepository.Name, cancellationToken: cancellationToken);
    }

    private static string IdOf(FluxKind kind, string name) => $"{kind.Kind}/{ExampleSync.Namespace}/{name}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _commitWatch;
        if (_node is not null)
        {
            // Leaves its cluster of one cleanly, so no entity is cut off mid-write to the journal.
            await _node.StopAsync(CancellationToken.None);
            await _node.DisposeAsync();
        }
        if (_gitServer is not null)
        {
            await _gitServer.DisposeAsync();
        }
        _client?.Dispose();
        if (_apiServer is not null)
        {
            await _apiServer.DisposeAsync();
        }
        _stop.Dispose();
    }
}
