using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Configuration;
using Fleet.Node.Sandbox;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// A sandbox API server with Fleet's CRDs, a Git repository served by `git http-backend`, and a Fleet node
/// pointed at both: what a Kustomization needs end to end. One per test class.
/// </summary>
public class KustomizationTestBed : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-ks-");
    private SandboxApiServer? _server;
    private IKubernetes? _client;
    private GitHttpServer? _git;
    private WebApplication? _node;

    public IKubernetes Client => _client ?? throw new InvalidOperationException("test bed not started");

    /// <summary>The node's services, for tests that call its endpoints (the webhook port it bound).</summary>
    public IServiceProvider NodeServices => _node?.Services ?? throw new InvalidOperationException("test bed not started");

    private string Served => Path.Combine(_temp.FullName, "served");

    public string Kubeconfig => Path.Combine(_temp.FullName, "kubeconfig");

    protected virtual SandboxApiServerOptions Options => new() { BookmarkInterval = TimeSpan.FromMilliseconds(300) };

    public async Task InitializeAsync()
    {
        _server = await SandboxApiServer.StartAsync(Options);
        _server.WriteKubeconfig(Kubeconfig);
        _client = _server.CreateClient();
        await CrdInstaller.InstallAsync(Client, FluxKinds.All);
        _git = await GitHttpServer.StartAsync(Directory.CreateDirectory(Served).FullName);
        _node = await StartNodeAsync(TestNodes.Settings with { DataDir = Path.Combine(_temp.FullName, "node"), Kubeconfig = Kubeconfig });
    }

    /// <summary>Starts the bed's node; a bed may change its settings or read its logs.</summary>
    protected virtual Task<WebApplication> StartNodeAsync(NodeSettings settings) => TestNodes.StartAsync(settings);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }
        if (_git is not null)
        {
            await _git.DisposeAsync();
        }
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _temp.Delete(recursive: true);
    }

    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>A new repository on the served Git host, with one commit on `main`.</summary>
    public GitWorkRepository CreateRepository(string name)
    {
        var repository = GitWorkRepository.Init(Served, name + "-" + Guid.NewGuid().ToString("N")[..6], branch: "main");
        repository.Write("README.md", "fleet\n").Commit("initial");
        return repository;
    }

    /// <summary>The repository's URL on the served Git host, as a remote base would name it.</summary>
    public string GitUrlOf(GitWorkRepository repository) => _git!.UrlOf(repository);

    public Task CreateGitRepositoryAsync(string ns, string name, GitWorkRepository repository, string interval = "1h") =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
                ["kind"] = FluxKinds.GitRepository.Kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["spec"] = new JsonObject { ["url"] = _git!.UrlOf(repository), ["interval"] = interval, ["ref"] = new JsonObject { ["branch"] = "main" } },
            },
            FluxGroups.Source, "v1", ns, "gitrepositories");

    public Task CreateKustomizationAsync(string ns, string name, JsonObject spec) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.Kustomization.ApiVersion,
                ["kind"] = FluxKinds.Kustomization.Kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["spec"] = spec,
            },
            FluxGroups.Kustomize, "v1", ns, "kustomizations");

    /// <summary>Asks for a reconcile now, as `flux reconcile` does.</summary>
    public Task RequestReconcileAsync(FluxKind kind, string ns, string name, string token) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = token } } }.ToJsonString(),
                V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, ns, kind.Plural, name);

    /// <summary>Commits, then has the GitRepository fetch at once, as a webhook receiver would.</summary>
    public async Task<string> PushAsync(GitWorkRepository repository, string ns, string gitRepository, string message)
    {
        var commit = repository.Commit(message);
        await RequestReconcileAsync(FluxKinds.GitRepository, ns, gitRepository, "push-" + commit[..8]);
        return $"main@sha1:{commit}";
    }

    public async Task<JsonObject?> ReadAsync(FluxKind kind, string ns, string name)
    {
        try
        {
            var element = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name);
            return JsonNode.Parse(element.GetRawText())!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<JsonObject> EventuallyAsync(FluxKind kind, string ns, string name, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        JsonObject? last = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            last = await ReadAsync(kind, ns, name);
            if (last is not null && condition(last))
            {
                return last;
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {kind.Kind} {ns}/{name}; last seen: {last?.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    public async Task GoneAsync(FluxKind kind, string ns, string name, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await ReadAsync(kind, ns, name) is not null)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {kind.Kind} {ns}/{name} to be deleted");
            }
            await Task.Delay(100);
        }
    }

    public Task<JsonObject> ReadyAsync(string ns, string name, TimeSpan? timeout = null) =>
        EventuallyAsync(FluxKinds.Kustomization, ns, name, o => ReadyStatusOf(o) == "True", timeout ?? TimeSpan.FromSeconds(30));

    public Task<JsonObject> ReadyAtAsync(string ns, string name, string revision, TimeSpan? timeout = null) =>
        EventuallyAsync(FluxKinds.Kustomization, ns, name,
            o => ReadyStatusOf(o) == "True" && o["status"]?["lastAppliedRevision"]?.GetValue<string>() == revision, timeout ?? TimeSpan.FromSeconds(30));

    public Task<JsonObject> NotReadyAsync(string ns, string name, string reason, TimeSpan? timeout = null) =>
        EventuallyAsync(FluxKinds.Kustomization, ns, name, o => ReadyStatusOf(o) == "False" && ObjectConditions.Find(o, ConditionTypes.Ready)?.Reason == reason, timeout ?? TimeSpan.FromSeconds(30));

    public static string? ReadyStatusOf(JsonObject obj) => ObjectConditions.Find(obj, ConditionTypes.Ready)?.Status;

    public static string MessageOf(JsonObject obj) => ObjectConditions.Find(obj, ConditionTypes.Ready)?.Message ?? "";
}
