using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Node.Sandbox.Example;
using Fleet.Tests.Support;
using k8s;

namespace Fleet.Tests.Commands;

/// <summary>
/// Flux's verbs through the real `fleet` executable against the sandbox with a node reconciling: the lines on stderr,
/// the documents on stdout and the exit codes are the ones flux prints for the same situation.
/// </summary>
public sealed class FluxVerbTests(FleetSandboxFixture fixture) : IClassFixture<FleetSandboxFixture>
{
    private string Head => fixture.Sandbox.Repository.ReadHead() ?? throw new InvalidOperationException("no head");

    [Fact]
    public async Task ReconcileWithSourceAnnotatesTheSourceThenTheKustomizationAndPrintsTheirRevisions()
    {
        var (exitCode, output, error) = await RunAsync("reconcile", "ks", "apps", "--with-source");

        Assert.True(exitCode == 0, error);
        Assert.Equal("", output);
        Assert.Equal(
            [
                "► annotating GitRepository fleet-example in flux-system namespace",
                "✔ GitRepository annotated",
                "◎ waiting for GitRepository reconciliation",
                $"✔ fetched revision main@sha1:{Head}",
                "► annotating Kustomization apps in flux-system namespace",
                "✔ Kustomization annotated",
                "◎ waiting for Kustomization reconciliation",
                $"✔ applied revision main@sha1:{Head}",
            ],
            Lines(error));
        var apps = await fixture.Sandbox.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
            FluxKinds.Kustomization.Group, FluxKinds.Kustomization.Version, ExampleSync.Namespace, FluxKinds.Kustomization.Plural, "apps");
        Assert.Equal(
            apps["metadata"]!["annotations"]!["reconcile.fluxcd.io/requestedAt"]!.GetValue<string>(),
            apps["status"]!["lastHandledReconcileAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASuspendedObjectIsNotReconciledAndResumeWaitsForItsNextReconcile()
    {
        var (suspendCode, _, suspended) = await RunAsync("suspend", "kustomization", "infrastructure");
        var (reconcileCode, _, refused) = await RunAsync("reconcile", "ks", "infrastructure");
        var (resumeCode, _, resumed) = await RunAsync("resume", "ks", "infrastructure");

        Assert.Equal(0, suspendCode);
        Assert.Equal(["► suspending kustomization infrastructure in flux-system namespace", "✔ kustomization suspended"], Lines(suspended));
        Assert.Equal(1, reconcileCode);
        Assert.Equal(["✗ resource is suspended"], Lines(refused));
        Assert.True(resumeCode == 0, resumed);
        Assert.Equal(
            [
                "► resuming kustomization infrastructure in flux-system namespace",
                "✔ kustomization resumed",
                "◎ waiting for Kustomization reconciliation",
                "✔ Kustomization infrastructure reconciliation completed",
                $"✔ applied revision main@sha1:{Head}",
            ],
            Lines(resumed));
    }

    [Fact]
    public async Task UnknownNamesAreOneLineOnStderrWithExitCodeOne()
    {
        var (reconcileCode, _, reconcile) = await RunAsync("reconcile", "source", "git", "nope");
        var (suspendCode, _, suspend) = await RunAsync("suspend", "ks", "nope");
        var (exportCode, exported, export) = await RunAsync("export", "ks", "nope");

        Assert.Equal((1, 1, 1), (reconcileCode, suspendCode, exportCode));
        Assert.Equal(["✗ gitrepositories.source.toolkit.fluxcd.io \"nope\" not found"], Lines(reconcile));
        Assert.Equal(["✗ Kustomization nope not found in flux-system namespace"], Lines(suspend));
        Assert.Equal(["✗ kustomizations.kustomize.toolkit.fluxcd.io \"nope\" not found"], Lines(export));
        Assert.Equal("", exported);
    }

    [Fact]
    public async Task ExportWritesTheSpecWithoutStatusAsYamlFluxCanApply()
    {
        var (exitCode, output, _) = await RunAsync("export", "source", "git", "fleet-example");

        Assert.Equal(0, exitCode);
        // Keys in Go's alphabetical order; annotations (the sandbox's reconcile requests) come before the name.
        Assert.StartsWith("---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n", output, StringComparison.Ordinal);
        Assert.Contains("  name: fleet-example\n  namespace: flux-system\nspec:\n", output, StringComparison.Ordinal);
        Assert.Contains($"  url: {fixture.Sandbox.RepositoryUrl}\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceVersion", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteWithoutConfirmationAbortsAndSilentDeletes()
    {
        var ks = FluxKinds.Kustomization;
        await fixture.Sandbox.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = ks.ApiVersion,
                ["kind"] = ks.Kind,
                ["metadata"] = new JsonObject { ["name"] = "doomed" },
                ["spec"] = new JsonObject { ["interval"] = "1h", ["path"] = "./apps", ["prune"] = false, ["suspend"] = true, ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "fleet-example" } },
            },
            ks.Group, ks.Version, ExampleSync.Namespace, ks.Plural);

        var (abortCode, _, aborted) = await FleetCli.RunAsync(["delete", "ks", "doomed", "--kubeconfig", fixture.Kubeconfig], input: "n\n");
        var (deleteCode, _, deleted) = await RunAsync("delete", "ks", "doomed", "--silent");

        Assert.Equal(1, abortCode);
        Assert.EndsWith("✗ aborting", aborted.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, deleteCode);
        Assert.Equal(["► deleting kustomization doomed in flux-system namespace", "✔ kustomization deleted"], Lines(deleted));
        await Eventually.True(async () => (await fixture.Sandbox.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(ks.Group, ks.Version, ExampleSync.Namespace, ks.Plural))["items"]!.AsArray()
            .All(i => i!["metadata"]!["name"]!.GetValue<string>() != "doomed"), TimeSpan.FromSeconds(20), () => "doomed deleted");
    }

    [Fact]
    public async Task GetShowsTheReconciledKustomizationsAsFluxPrintsThem()
    {
        var (exitCode, output, _) = await RunAsync("get", "ks", "--status-selector", "ready=true");
        var lines = Lines(output);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("NAME          \tREVISION          \tSUSPENDED\tREADY\tMESSAGE", lines[0], StringComparison.Ordinal);
        Assert.Contains($"apps          \tmain@sha1:{Head[..8]}\tFalse    \tTrue \tApplied revision: main@sha1:{Head[..8]}", lines);
    }

    [Fact]
    public async Task AnUnreachableClusterAndATimeoutAreOneLineWithoutAStackTrace()
    {
        var unreachable = Path.Combine(Path.GetTempPath(), $"fleet-unreachable-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(unreachable, File.ReadAllText(fixture.Kubeconfig).Replace(new Uri(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Kubeconfig).Host).Authority, $"127.0.0.1:{FreePort.Next()}", StringComparison.Ordinal));
        try
        {
            var (downCode, _, down) = await FleetCli.RunAsync(["get", "ks", "--kubeconfig", unreachable]);
            var (timeoutCode, _, timedOut) = await RunAsync("reconcile", "ks", "apps", "--timeout", "1ms");

            Assert.Equal((1, 1), (downCode, timeoutCode));
            Assert.Single(Lines(down));
            Assert.StartsWith("✗ ", down, StringComparison.Ordinal);
            Assert.Contains("refused", down, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["✗ context deadline exceeded"], Lines(timedOut));
        }
        finally
        {
            File.Delete(unreachable);
        }
    }

    [Fact]
    public async Task EventsForAKustomizationIncludeItsSourceAndNotOtherObjects()
    {
        var (exitCode, output, _) = await RunAsync("events", "--for", "Kustomization/apps");
        var lines = Lines(output);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("LAST SEEN", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\tKustomization/apps", StringComparison.Ordinal) && l.Contains("Normal", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\tGitRepository/fleet-example", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Kustomization/infrastructure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TreeShowsWhatTheInfrastructureKustomizationApplied()
    {
        var (exitCode, output, _) = await RunAsync("tree", "ks", "infrastructure");

        Assert.Equal(0, exitCode);
        Assert.Equal("Kustomization/flux-system/infrastructure\n├── Namespace/demo\n└── ConfigMap/demo/greeter-config\n", output);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => FleetCli.RunAsync([.. args, "--kubeconfig", fixture.Kubeconfig]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
