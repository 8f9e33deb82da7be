using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Cluster;

/// <summary>
/// Fleet as an operator runs it on one machine: several `fleet node` processes on one PostgreSQL journal, reconciling
/// one GitRepository and its Kustomizations (one ConfigMap each) from a sandbox API server and a Git server over HTTP.
/// The failover test and the failover bench share it.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private const string Namespace = "flux-system";
    private const string Source = "fleet";

    private readonly DirectoryInfo _temp;
    private readonly PostgresServer _postgres;
    private readonly SandboxApiServer _server;
    private readonly GitHttpServer _git;
    private readonly GitWorkRepository _repository;
    private readonly int _kustomizations;
    private int _pushes;

    private ProcessCluster(DirectoryInfo temp, PostgresServer postgres, SandboxApiServer server, GitHttpServer git, GitWorkRepository repository, int kustomizations)
    {
        (_temp, _postgres, _server, _git, _repository, _kustomizations) = (temp, postgres, server, git, repository, kustomizations);
        Client = server.CreateClient();
    }

    /// <summary>One clock for every node's run log, the kills and the measurements.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IKubernetes Client { get; }

    public List<ClusterNodeProcess> Nodes { get; } = [];

    /// <summary>Every kill so far: the node and when, on <see cref="Clock"/>.</summary>
    public List<(string Node, TimeSpan At)> Kills { get; } = [];

    public string Kubeconfig => Path.Combine(_temp.FullName, "kubeconfig");

    public IEnumerable<string> KustomizationNames => Enumerable.Range(0, _kustomizations).Select(i => $"app-{i}");

    /// <summary>Starts the servers, the objects, and <paramref name="nodes"/> node processes that all name each other as seeds.</summary>
    public static async Task<ProcessCluster> StartAsync(int kustomizations, int nodes = 3)
    {
        var temp = Directory.CreateTempSubdirectory("fleet-process-cluster-");
        var postgres = await PostgresServer.StartAsync();
        var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { BookmarkInterval = TimeSpan.FromSeconds(1) });
        var served = Directory.CreateDirectory(Path.Combine(temp.FullName, "served")).FullName;
        var git = await GitHttpServer.StartAsync(served);
        var repository = GitWorkRepository.Init(served, Source, branch: "main");
        var cluster = new ProcessCluster(temp, postgres, server, git, repository, kustomizations);
        server.WriteKubeconfig(cluster.Kubeconfig);
        cluster.WriteManifests("v1");
        repository.Commit("v1");
        await cluster.CreateObjectsAsync();
        var ports = Enumerable.Range(0, nodes).Select(_ => FreePort.Next()).ToList();
        foreach (var (port, index) in ports.Select((p, i) => (p, i)))
        {
            var node = new ClusterNodeProcess($"node-{index + 1}", port, new RunLog($"node-{index + 1}", cluster.Clock));
            cluster.Nodes.Add(node);
        }
        // The first node alone creates the journal tables (Akka.Persistence.Sql creates them on first use, and three
        // nodes racing to create them left a node's sharding store unanswered); a StatefulSet also starts pods in order.
        cluster.Launch(cluster.Nodes[0]);
        await cluster.Nodes[0].Up.WaitAsync(TimeSpan.FromSeconds(90));
        foreach (var node in cluster.Nodes.Skip(1))
        {
            cluster.Launch(node);
        }
        return cluster;
    }

    /// <summary>The revision Kustomizations apply once the last push is fetched.</summary>
    public string Revision => $"main@sha1:{_repository.Head()}";

    /// <summary>Starts (or restarts) a node's process with the arguments every node gets.</summary>
    public void Launch(ClusterNodeProcess node)
    {
        var seeds = string.Join(',', Nodes.Select(n => $"127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)}"));
        var dataDir = Directory.CreateDirectory(Path.Combine(_temp.FullName, node.Name)).FullName;
        node.Start(
            [
                "node", "--hostname", "127.0.0.1", "--port", node.Port.ToString(CultureInfo.InvariantCulture), "--seed-nodes", seeds,
                "--http-port", "0", "--webhook-port", "0", "--data-dir", dataDir, "--journal", "postgres", "--kubeconfig", Kubeconfig,
            ],
            new Dictionary<string, string> { ["FLEET_JOURNAL_CONNECTION"] = _postgres.ConnectionString },
            dataDir);
    }

    /// <summary>Waits until every node's current process is Up.</summary>
    public async Task WaitUpAsync(TimeSpan limit)
    {
        try
        {
            await Task.WhenAll(Nodes.Select(n => n.Up)).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"not every node was Up within {limit}:\n{Tails()}");
        }
    }

    /// <summary>Changes every Kustomization's ConfigMap, commits, and asks the GitRepository to fetch, as a webhook would.</summary>
    public async Task<string> PushAsync()
    {
        var version = $"v{++_pushes + 1}";
        WriteManifests(version);
        var commit = _repository.Commit(version);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = version } } };
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxKinds.GitRepository.Group, FluxKinds.GitRepository.Version, Namespace, FluxKinds.GitRepository.Plural, Source);
        return $"main@sha1:{commit}";
    }

    /// <summary>The Kustomizations not yet Ready with <paramref name="revision"/> applied.</summary>
    public async Task<IReadOnlyList<string>> NotAppliedAsync(string revision)
    {
        var list = JsonNode.Parse(((JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(
            FluxKinds.Kustomization.Group, FluxKinds.Kustomization.Version, Namespace, FluxKinds.Kustomization.Plural)).GetRawText())!;
        var applied = list["items"]!.AsArray().OfType<JsonObject>()
            .Where(o => (string?)o["status"]?["lastAppliedRevision"] == revision && ObjectConditions.Find(o, "Ready")?.Status == "True")
            .Select(o => (string)o["metadata"]!["name"]!)
            .ToHashSet();
        return KustomizationNames.Where(n => !applied.Contains(n)).ToList();
    }

    /// <summary>Waits until every Kustomization is Ready with <paramref name="revision"/> applied.</summary>
    public async Task WaitAppliedAsync(string revision, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        IReadOnlyList<string> missing = [];
        while (waited.Elapsed < limit)
        {
            missing = await NotAppliedAsync(revision);
            if (missing.Count == 0)
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{missing.Count} Kustomizations not Ready at {revision} within {limit} ({string.Join(", ", missing.Take(5))}, ...):\n{Tails()}");
    }

    /// <summary>The objects whose latest run started on <paramref name="node"/>: the ones it hosts.</summary>
    public IReadOnlyList<string> HostedBy(ClusterNodeProcess node) =>
        Nodes.SelectMany(n => n.Runs.Lines).Where(l => l.Started)
            .GroupBy(l => l.Object)
            .Where(g => g.MaxBy(l => l.At)!.Node == node.Name)
            .Select(g => g.Key)
            .ToList();

    /// <summary>
    /// Kills <paramref name="victim"/> with SIGKILL and returns how long until every object it hosted had started a run on
    /// a survivor; throws when some had not within <paramref name="limit"/>.
    /// </summary>
    public async Task<Failover> KillAndMeasureAsync(ClusterNodeProcess victim, TimeSpan limit)
    {
        var hosted = HostedBy(victim);
        var killedAt = Clock.Elapsed;
        await victim.KillAsync();
        Kills.Add((victim.Name, killedAt));
        var survivors = Nodes.Where(n => n != victim).ToList();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var firstRuns = hosted.ToDictionary(
                o => o,
                o => survivors.SelectMany(n => n.Runs.Lines).Where(l => l.Started && l.Object == o && l.At > killedAt).Select(l => (TimeSpan?)l.At).Min());
            if (firstRuns.Values.All(at => at is not null))
            {
                return new Failover(victim.Name, hosted.Count, firstRuns.Values.Max()!.Value - killedAt);
            }
            if (waited.Elapsed > limit)
            {
                var waiting = firstRuns.Where(p => p.Value is null).Select(p => p.Key).ToList();
                throw new TimeoutException($"{waiting.Count} of {hosted.Count} objects of {victim.Name} did not run on a survivor within {limit} ({string.Join(", ", waiting.Take(5))}):\n{Tails()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Every pair of runs of one object on two nodes that overlapped in time, from all nodes' run logs.</summary>
    public IReadOnlyList<string> Overlaps() => RunOverlaps.Find(Nodes.SelectMany(n => n.Runs.Lines), Kills);

    public string Tails() => string.Join('\n', Nodes.Select(n => n.Tail()));

    private void WriteManifests(string version)
    {
        foreach (var name in KustomizationNames)
        {
            _repository.Write($"{name}/configmap.yaml", $"""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {name}
                  namespace: default
                data:
                  version: {version}
                """);
        }
    }

    private async Task CreateObjectsAsync()
    {
        await CrdInstaller.InstallAsync(Client, FluxKinds.All);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await Create(FluxKinds.GitRepository, Source, new JsonObject
        {
            ["url"] = _git.UrlOf(_repository),
            ["interval"] = "1m",
            ["ref"] = new JsonObject { ["branch"] = "main" },
        });
        foreach (var name in KustomizationNames)
        {
            await Create(FluxKinds.Kustomization, name, new JsonObject
            {
                ["interval"] = "1m",
                ["path"] = $"./{name}",
                ["prune"] = true,
                ["sourceRef"] = new JsonObject { ["kind"] = FluxKinds.GitRepository.Kind, ["name"] = Source },
            });
        }
    }

    private Task Create(FluxKind kind, string name, JsonObject spec) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = kind.ApiVersion,
                ["kind"] = kind.Kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
                ["spec"] = spec,
            },
            kind.Group, kind.Version, Namespace, kind.Plural);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        Client.Dispose();
        await _git.DisposeAsync();
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    /// <summary>One kill: the node, how many objects it hosted, and how long until the last of them ran on a survivor.</summary>
    public sealed record Failover(string Node, int Objects, TimeSpan Elapsed);
}
