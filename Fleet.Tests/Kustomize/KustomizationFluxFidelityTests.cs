using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox.Controllers;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// What Flux writes, and Fleet must write the same: the Healthy condition, build errors that name the file, the first
/// rejected object in ssa's format, the transient states' messages and events, the success event with its
/// annotations, and fields Fleet cannot honour refused instead of ignored.
/// </summary>
public sealed class KustomizationFluxFidelityTests(KustomizationTestBed bed) : IClassFixture<KustomizationTestBed>
{
    private static string ConfigMap(string name, string value = "1") =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n";

    private static JsonObject Spec(string path, string ns) => new()
    {
        ["interval"] = "1h",
        ["path"] = path,
        ["prune"] = true,
        ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "source" },
        ["targetNamespace"] = ns,
        ["retryInterval"] = "1h",
    };

    private async Task<(string Namespace, Support.Git.GitWorkRepository Repository)> SourceAsync(string prefix, params (string Path, string Content)[] files)
    {
        var ns = await bed.CreateNamespaceAsync(prefix);
        var repo = bed.CreateRepository(prefix);
        foreach (var (path, content) in files)
        {
            repo.Write(path, content);
        }
        repo.Commit("manifests");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        return (ns, repo);
    }

    private static JsonNode? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    private async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, string name) =>
        (await bed.Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == "Kustomization").ToList();

    private Task<Corev1Event> EventAsync(string ns, string name, Func<Corev1Event, bool> match, string what) =>
        EventuallyAsync(async () => (await EventsAsync(ns, name)).FirstOrDefault(match), what);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"timed out after 20 s waiting for {what}");
            }
            await Task.Delay(100);
        }
    }

    private static readonly string FailingDeployment = $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          annotations:
            {WorkloadSimulation.FailAnnotation}: "true"
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: app
          template:
            metadata:
              labels:
                app: app
            spec:
              containers:
                - name: app
                  image: ghcr.io/example/app:1
        """;

    [Fact]
    public async Task MalformedYamlInAGeneratedKustomizationIsABuildFailureNamingTheFileAtTheAttemptedRevision()
    {
        var (ns, repo) = await SourceAsync("ks-yaml", ("deploy/a.yaml", ConfigMap("a")));
        await bed.CreateKustomizationAsync(ns, "yaml", Spec("./deploy", ns));
        await bed.ReadyAtAsync(ns, "yaml", $"main@sha1:{repo.Head()}");

        // YamlDotNet's scanner fails on this with an InvalidOperationException rather than a YAML error.
        repo.Write("deploy/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  value: \"1\"\n  [ist: [a, b]\n  m: {k: v}\n---\nkind: \n");
        var bad = await bed.PushAsync(repo, ns, "source", "malformed");

        var failed = await bed.EventuallyAsync(FluxKinds.Kustomization, ns, "yaml",
            o => o["status"]?["lastAttemptedRevision"]?.GetValue<string>() == bad && KustomizationTestBed.ReadyStatusOf(o) == "False", TimeSpan.FromSeconds(30));
        Assert.Equal(ConditionReasons.BuildFailed, ObjectConditions.Find(failed, ConditionTypes.Ready)?.Reason);
        var message = KustomizationTestBed.MessageOf(failed);
        Assert.StartsWith("failed to decode Kubernetes YAML from deploy/broken.yaml: invalid YAML after line ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Operation is not valid", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitSetsHealthyWithFluxsTextAndAKustomizationWithoutHealthChecksHasNone()
    {
        var (ns, _) = await SourceAsync("ks-healthy", ("deploy/a.yaml", ConfigMap("a")));
        var waiting = Spec("./deploy", ns);
        waiting["wait"] = true;
        await bed.CreateKustomizationAsync(ns, "waits", waiting);
        await bed.CreateKustomizationAsync(ns, "plain", Spec("./deploy", ns));

        var healthy = Condition(await bed.ReadyAsync(ns, "waits"), ConditionTypes.Healthy);
        Assert.NotNull(healthy);
        Assert.Equal("True", healthy["status"]!.GetValue<string>());
        Assert.Equal(ConditionReasons.Succeeded, healthy["reason"]!.GetValue<string>());
        Assert.Matches(@"^Health check passed in [0-9.]+(ns|µs|ms|s)$", healthy["message"]!.GetValue<string>());
        Assert.Null(Condition(await bed.ReadyAsync(ns, "plain"), ConditionTypes.Healthy));
    }

    [Fact]
    public async Task AFailedHealthCheckSetsHealthyFalseWithTheFailure()
    {
        var (ns, _) = await SourceAsync("ks-unhealthy", ("deploy/app.yaml", FailingDeployment));
        var spec = Spec("./deploy", ns);
        spec["healthChecks"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "app", ["namespace"] = ns });
        spec["timeout"] = "10s";
        await bed.CreateKustomizationAsync(ns, "unhealthy", spec);

        var failed = await bed.NotReadyAsync(ns, "unhealthy", ConditionReasons.HealthCheckFailed);
        var healthy = Condition(failed, ConditionTypes.Healthy)!;
        Assert.Equal("False", healthy["status"]!.GetValue<string>());
        Assert.Equal(ConditionReasons.HealthCheckFailed, healthy["reason"]!.GetValue<string>());
        Assert.Equal(KustomizationTestBed.MessageOf(failed), healthy["message"]!.GetValue<string>());
        Assert.Contains($"Deployment/{ns}/app", healthy["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedRevisionReportsItsFirstRejectedObjectInSsasFormat()
    {
        var (ns, _) = await SourceAsync("ks-reject", ("deploy/a.yaml", ConfigMap("Bad_One")), ("deploy/b.yaml", ConfigMap("Bad_Two")));
        await bed.CreateKustomizationAsync(ns, "reject", Spec("./deploy", ns));

        var failed = await bed.NotReadyAsync(ns, "reject", ConditionReasons.ReconciliationFailed);
        var message = KustomizationTestBed.MessageOf(failed);
        Assert.StartsWith($"ConfigMap/{ns}/Bad_One dry-run failed (Invalid): ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bad_Two", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuccessfulRunRecordsFluxsFinishedEventWithTheRevisionAndCommitStatusAnnotations()
    {
        var (ns, repo) = await SourceAsync("ks-event", ("deploy/a.yaml", ConfigMap("a")));
        await bed.CreateKustomizationAsync(ns, "event", Spec("./deploy", ns));
        var revision = $"main@sha1:{repo.Head()}";
        await bed.ReadyAtAsync(ns, "event", revision);

        var finished = await EventAsync(ns, "event", e => e.Message.StartsWith("Reconciliation finished in ", StringComparison.Ordinal), "the finished event");
        Assert.Matches(@"^Reconciliation finished in [0-9.]+(ms|s|m[0-9.]+s), next run in 1h0m0s$", finished.Message);
        Assert.Equal("Normal", finished.Type);
        Assert.Equal(ConditionReasons.ReconciliationSucceeded, finished.Reason);
        Assert.Equal(revision, finished.Metadata.Annotations["kustomize.toolkit.fluxcd.io/revision"]);
        Assert.Equal("update", finished.Metadata.Annotations["kustomize.toolkit.fluxcd.io/commit_status"]);
        var changes = await EventAsync(ns, "event", e => e.Message.Contains($"ConfigMap/{ns}/a created", StringComparison.Ordinal), "the change-set event");
        Assert.Equal(revision, changes.Metadata.Annotations["kustomize.toolkit.fluxcd.io/revision"]);
    }

    [Fact]
    public async Task ASourceWithoutAnArtifactYetIsReportedAsFluxDoesWithoutAWarning()
    {
        var ns = await bed.CreateNamespaceAsync("ks-noartifact");
        await bed.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
                ["kind"] = FluxKinds.GitRepository.Kind,
                ["metadata"] = new JsonObject { ["name"] = "source", ["namespace"] = ns },
                ["spec"] = new JsonObject { ["url"] = "http://127.0.0.1:9/nowhere", ["interval"] = "1h", ["suspend"] = true },
            },
            FluxGroups.Source, "v1", ns, "gitrepositories");
        await bed.CreateKustomizationAsync(ns, "waiting", Spec("./deploy", ns));

        var waiting = await bed.NotReadyAsync(ns, "waiting", ConditionReasons.ArtifactFailed);
        Assert.Equal("Source artifact not found, retrying in 30s", KustomizationTestBed.MessageOf(waiting));
        Assert.DoesNotContain(await EventsAsync(ns, "waiting"), e => e.Type == "Warning");
    }

    [Fact]
    public async Task ADependencyThatIsNotReadyRecordsFluxsNormalEvent()
    {
        var (ns, repo) = await SourceAsync("ks-depevent", ("apps/a.yaml", ConfigMap("a")));
        var apps = Spec("./apps", ns);
        apps["dependsOn"] = new JsonArray(new JsonObject { ["name"] = "missing" });
        await bed.CreateKustomizationAsync(ns, "apps", apps);

        var waiting = await bed.NotReadyAsync(ns, "apps", ConditionReasons.DependencyNotReady);
        Assert.Equal($"dependency '{ns}/missing' not found", KustomizationTestBed.MessageOf(waiting));
        var info = await EventAsync(ns, "apps", e => e.Reason == ConditionReasons.DependencyNotReady, "the dependency event");
        Assert.Equal("Normal", info.Type);
        Assert.Equal("Dependencies do not meet ready condition, retrying in 30s", info.Message);
        Assert.Equal($"main@sha1:{repo.Head()}", info.Metadata.Annotations["kustomize.toolkit.fluxcd.io/revision"]);
        Assert.Equal($"main@sha1:{repo.Head()}", waiting["status"]!["lastAttemptedRevision"]!.GetValue<string>());
    }

    [Fact]
    public async Task DecryptionThatFleetCannotDoYetStallsAndAppliesNothing()
    {
        var (ns, _) = await SourceAsync("ks-sops", ("deploy/a.yaml", ConfigMap("a")));
        var spec = Spec("./deploy", ns);
        spec["decryption"] = new JsonObject { ["provider"] = "sops", ["secretRef"] = new JsonObject { ["name"] = "sops-keys" } };
        await bed.CreateKustomizationAsync(ns, "sops", spec);

        var stalled = await bed.NotReadyAsync(ns, "sops", ConditionReasons.BuildFailed);
        Assert.Contains("decryption (spec.decryption) is not supported yet", KustomizationTestBed.MessageOf(stalled), StringComparison.Ordinal);
        Assert.Equal("True", Condition(stalled, ConditionTypes.Stalled)?["status"]?.GetValue<string>());
        Assert.DoesNotContain((await bed.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name == "a");
    }

    [Fact]
    public async Task CelExpressionsStallAsFluxStallsOnAnExpressionItCannotUse()
    {
        var (ns, _) = await SourceAsync("ks-cel", ("deploy/a.yaml", ConfigMap("a")));
        var spec = Spec("./deploy", ns);
        spec["healthCheckExprs"] = new JsonArray(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["current"] = "status.ready == true" });
        await bed.CreateKustomizationAsync(ns, "cel", spec);

        var stalled = await bed.NotReadyAsync(ns, "cel", ConditionReasons.InvalidCELExpression);
        Assert.Equal(
            "Reconciliation failed terminally due to configuration error: spec.healthCheckExprs: CEL expressions are not supported yet by Fleet",
            KustomizationTestBed.MessageOf(stalled));
        Assert.Equal("True", Condition(stalled, ConditionTypes.Stalled)?["status"]?.GetValue<string>());
        Assert.DoesNotContain((await bed.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name == "a");
    }
}
