using System.CommandLine;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Get;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Commands.Get;

/// <summary><c>fleet get</c> against the sandbox API server, with statuses written through the status subresource as a controller writes them.</summary>
public sealed class GetAgainstSandboxTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private readonly string _namespace = "get-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _other = "get-other-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await CrdInstaller.InstallAsync(sandbox.Client, FluxKinds.All);
        foreach (var ns in new[] { _namespace, _other })
        {
            await sandbox.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        await CreateAsync(FluxKinds.GitRepository, _namespace, "podinfo", new JsonObject { ["interval"] = "1m", ["url"] = "https://example.invalid/podinfo", ["ref"] = new JsonObject { ["branch"] = "main" } });
        await WriteStatusAsync(FluxKinds.GitRepository, _namespace, "podinfo", new JsonObject
        {
            ["artifact"] = new JsonObject
            {
                ["revision"] = $"main@sha1:{Sha}",
                ["digest"] = "sha256:" + new string('b', 64),
                ["path"] = "p",
                ["url"] = "http://127.0.0.1/p",
                ["lastUpdateTime"] = "2026-01-01T00:00:00Z",
            },
            ["conditions"] = Ready("True", "Succeeded", $"stored artifact for revision 'main@sha1:{Sha}'"),
        });
        await CreateAsync(FluxKinds.Kustomization, _namespace, "apps", Kustomization(suspend: false));
        await WriteStatusAsync(FluxKinds.Kustomization, _namespace, "apps", new JsonObject
        {
            ["lastAppliedRevision"] = $"main@sha1:{Sha}",
            ["conditions"] = Ready("True", "ReconciliationSucceeded", $"Applied revision: main@sha1:{Sha}"),
        });
        await CreateAsync(FluxKinds.Kustomization, _namespace, "infra", Kustomization(suspend: true));
        await CreateAsync(FluxKinds.Kustomization, _other, "elsewhere", Kustomization(suspend: false));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KustomizationsInOneNamespaceShowRevisionSuspendedReadyAndMessage()
    {
        var (exitCode, output, _) = await RunAsync("get", "ks", "-n", _namespace);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "NAME \tREVISION          \tSUSPENDED\tREADY\tMESSAGE\n" +
            "apps \tmain@sha1:01234567\tFalse    \tTrue \tApplied revision: main@sha1:01234567\n" +
            "infra\t                  \tTrue     \tFalse\twaiting to be reconciled\n",
            output);
    }

    [Fact]
    public async Task SourcesGitShowsTheArtifactRevision()
    {
        var (exitCode, output, _) = await RunAsync("get", "sources", "git", "--namespace", _namespace);

        Assert.Equal(0, exitCode);
        Assert.Contains("podinfo\tmain@sha1:01234567\tFalse    \tTrue \tstored artifact for revision 'main@sha1:01234567'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllNamespacesListsEveryNamespaceWithANamespaceColumn()
    {
        var (_, output, _) = await RunAsync("get", "kustomizations", "-A");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("NAMESPACE", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(_namespace, StringComparison.Ordinal) && l.Contains("\tapps ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(_other, StringComparison.Ordinal) && l.Contains("\telsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAllPrintsOneTablePerKindWithKindsInTheNamesAndSkipsEmptyKinds()
    {
        var (exitCode, output, error) = await RunAsync("get", "all", "-n", _namespace);

        Assert.Equal(0, exitCode);
        Assert.Contains("gitrepository/podinfo\t", output, StringComparison.Ordinal);
        Assert.Contains("kustomization/apps \t", output, StringComparison.Ordinal);
        Assert.DoesNotContain("helmrelease", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("NAME", StringComparison.Ordinal)));
        Assert.Equal("", error);
    }

    [Fact]
    public async Task ANameSelectsOneObjectAndAMissingOneIsReported()
    {
        var (_, one, _) = await RunAsync("get", "ks", "infra", "-n", _namespace);
        var (exitCode, none, error) = await RunAsync("get", "hr", "-n", _namespace);

        Assert.Equal(2, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("infra", one.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        Assert.Equal("", none);
        Assert.Contains($"no HelmRelease objects found in \"{_namespace}\" namespace", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatusSelectorKeepsTheMatchingObjectsAndYamlShowsTheWholeObject()
    {
        var (_, notReady, _) = await RunAsync("get", "ks", "-n", _namespace, "--status-selector", "ready!=true");
        var (exitCode, yaml, _) = await RunAsync("get", "ks", "apps", "-n", _namespace, "-o", "yaml");

        Assert.Equal(["NAME", "infra"], notReady.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0].Trim()));
        Assert.Equal(0, exitCode);
        Assert.Contains("kind: Kustomization\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"lastAppliedRevision: main@sha1:{Sha}\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingKubeconfigIsAnError()
    {
        var (exitCode, _, error) = await RunAsync(["get", "ks", "--kubeconfig", Path.Combine(sandbox.Directory, "nope")], withKubeconfig: false);

        Assert.Equal(1, exitCode);
        Assert.Contains("nope", error, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(args, withKubeconfig: true);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, bool withKubeconfig)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { GetCommands.Create() };
        var parse = root.Parse(withKubeconfig ? [.. args, "--kubeconfig", sandbox.Kubeconfig] : args);
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static JsonObject Kustomization(bool suspend) => new()
    {
        ["interval"] = "1m",
        ["path"] = "./",
        ["prune"] = true,
        ["suspend"] = suspend,
        ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "podinfo" },
    };

    private static JsonArray Ready(string status, string reason, string message) => new(new JsonObject
    {
        ["type"] = "Ready",
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
        ["observedGeneration"] = 1,
    });

    private async Task CreateAsync(FluxKind kind, string ns, string name, JsonObject spec) =>
        await sandbox.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec },
            kind.Group, kind.Version, ns, kind.Plural);

    private async Task WriteStatusAsync(FluxKind kind, string ns, string name, JsonObject status) =>
        await sandbox.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, ns, kind.Plural, name);
}
