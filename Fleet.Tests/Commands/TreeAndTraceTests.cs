using System.Text.Json.Nodes;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Commands;

/// <summary>
/// <c>fleet tree</c> and <c>fleet trace</c> through the real executable, on inventories written through the status
/// subresource as the reconciler writes them: a parent Kustomization that applied a namespace and a child Kustomization.
/// </summary>
public sealed class TreeAndTraceTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private const string Revision = "main@sha1:0123456789abcdef0123456789abcdef01234567";
    private readonly string _namespace = "tree-" + Guid.NewGuid().ToString("N")[..8];

    // Each test's objects land in their own namespace, since trace searches every Kustomization in the shared server.
    private readonly string _web = "web-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await CrdInstaller.InstallAsync(sandbox.Client, FluxKinds.All);
        await sandbox.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });
        await CreateAsync(FluxKinds.GitRepository, "repo", new JsonObject { ["interval"] = "1m", ["url"] = "https://example.invalid/repo", ["ref"] = new JsonObject { ["branch"] = "main" } }, new JsonObject
        {
            ["artifact"] = new JsonObject { ["revision"] = Revision, ["digest"] = "sha256:" + new string('b', 64), ["path"] = "p", ["url"] = "http://127.0.0.1/p", ["lastUpdateTime"] = "2026-01-01T00:00:00Z" },
            ["conditions"] = Ready($"stored artifact for revision '{Revision}'"),
        });
        await CreateAsync(FluxKinds.Kustomization, "parent", Kustomization("./clusters"), Applied($"_{_web}__Namespace", $"{_namespace}_child_kustomize.toolkit.fluxcd.io_Kustomization"));
        await CreateAsync(FluxKinds.Kustomization, "child", Kustomization("./apps"), Applied($"{_web}_frontend_apps_Deployment", $"{_web}_frontend__Service"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TreeDrawsTheInventoryWithTheNestedKustomizationExpanded()
    {
        var (exitCode, output, _) = await RunAsync("tree", "ks", "parent", "-n", _namespace);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            $"Kustomization/{_namespace}/parent\n" +
            $"├── Namespace/{_web}\n" +
            $"└── Kustomization/{_namespace}/child\n" +
            $"    ├── Deployment/{_web}/frontend\n" +
            $"    └── Service/{_web}/frontend\n",
            output);
    }

    [Fact]
    public async Task TraceNamesTheKustomizationAndTheSourceThatDeliveredAnObject()
    {
        var (exitCode, output, _) = await RunAsync("trace", "deploy/frontend", "-n", _web);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "\nObject:          Deployment/frontend\n" +
            $"Namespace:       {_web}\n" +
            "Status:          Managed by Flux\n" +
            "---\n" +
            "Kustomization:   child\n" +
            $"Namespace:       {_namespace}\n" +
            "Path:            ./apps\n" +
            $"Revision:        {Revision}\n" +
            "Status:          Last reconciled at 2026-01-01 00:00:00 +0000 UTC\n" +
            $"Message:         Applied revision: {Revision}\n" +
            "---\n" +
            "GitRepository:   repo\n" +
            $"Namespace:       {_namespace}\n" +
            "URL:             https://example.invalid/repo\n" +
            "Branch:          main\n" +
            $"Revision:        {Revision}\n" +
            "Status:          Last reconciled at 2026-01-01 00:00:00 +0000 UTC\n" +
            $"Message:         stored artifact for revision '{Revision}'\n",
            output);
    }

    [Fact]
    public async Task AnObjectNoInventoryHoldsIsNotManagedByFlux()
    {
        var (exitCode, output, error) = await RunAsync("trace", "deployment", "nobody", "-n", _web);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("✗ object not managed by Flux", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionAndCheckReportTheCliTheKubernetesVersionAndEveryCrd()
    {
        var (versionCode, version, _) = await RunAsync("version", "--client");
        var (checkCode, _, check) = await RunAsync("check");

        Assert.Equal((0, 0), (versionCode, checkCode));
        Assert.Matches(@"^fleet: v\d+\.\d+\.\d+", version);
        var lines = check.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("► checking prerequisites", lines[0]);
        Assert.StartsWith("✔ Kubernetes 1.32.4 >=1.32.0-0", lines[1], StringComparison.Ordinal);
        Assert.Contains("✔ kustomizations.kustomize.toolkit.fluxcd.io/v1", lines);
        Assert.Equal("✔ all checks passed", lines[^1]);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => FleetCli.RunAsync([.. args, "--kubeconfig", sandbox.Kubeconfig]);

    private static JsonObject Kustomization(string path) => new()
    {
        ["interval"] = "1m",
        ["path"] = path,
        ["prune"] = true,
        ["suspend"] = true,
        ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "repo" },
    };

    private static JsonObject Applied(params string[] ids) => new()
    {
        ["lastAppliedRevision"] = Revision,
        ["inventory"] = new JsonObject { ["entries"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["v"] = "v1" })]) },
        ["conditions"] = Ready($"Applied revision: {Revision}"),
    };

    private static JsonArray Ready(string message) => new(new JsonObject
    {
        ["type"] = "Ready",
        ["status"] = "True",
        ["reason"] = "Succeeded",
        ["message"] = message,
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
        ["observedGeneration"] = 1,
    });

    private async Task CreateAsync(FluxKind kind, string name, JsonObject spec, JsonObject status)
    {
        await sandbox.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec },
            kind.Group, kind.Version, _namespace, kind.Plural);
        await sandbox.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, _namespace, kind.Plural, name);
    }
}
