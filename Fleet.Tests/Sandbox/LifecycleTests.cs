using System.Net;
using Fleet.Node.Sandbox.Controllers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>Namespace termination, ownerReference garbage collection and the simulated workload controllers.</summary>
public sealed class LifecycleTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private IKubernetes Client => fixture.Client;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting for: {what}");
    }

    private async Task<bool> GoneAsync(Func<Task> read)
    {
        try
        {
            await read();
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    [Fact]
    public async Task DeletingANamespaceTerminatesItsContentsThenItself()
    {
        var ns = await NamespaceAsync("doomed");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "plain" } }, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);

        await EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("plain", ns)), "plain ConfigMap deleted");
        var terminating = await Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", terminating.Status.Phase);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, ns));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        Assert.Contains("unable to create new content in namespace doomed because it is being terminated", e.Response.Content, StringComparison.Ordinal);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);
        await EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespaceAsync(ns)), "namespace deleted");
    }

    [Fact]
    public async Task ADeploymentGetsAReadyReplicaSetAndStatusLikeTheRealControllers()
    {
        var ns = await NamespaceAsync("workloads");
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), ns);
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Status?.ReadyReplicas == 2, "deployment ready");
        var ready = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(ready.Metadata.Generation, ready.Status.ObservedGeneration);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True" && c.Reason == "MinimumReplicasAvailable");
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Progressing" && c.Status == "True" && c.Reason == "NewReplicaSetAvailable");

        var replicaSets = await Client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: "app=web");
        var rs = Assert.Single(replicaSets.Items);
        var owner = Assert.Single(rs.Metadata.OwnerReferences);
        Assert.Equal((deployment.Metadata.Uid, true), (owner.Uid, owner.Controller == true));
        Assert.Equal(rs.Metadata.Labels["pod-template-hash"], rs.Spec.Template.Metadata.Labels["pod-template-hash"]);
        Assert.EndsWith(rs.Metadata.Labels["pod-template-hash"], rs.Metadata.Name, StringComparison.Ordinal);
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedReplicaSetAsync(rs.Metadata.Name, ns)).Status?.ReadyReplicas == 2, "replica set ready");

        var rv = (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Metadata.ResourceVersion;
        await Task.Delay(300);
        Assert.Equal(rv, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Metadata.ResourceVersion);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Background");
        await EventuallyAsync(() => GoneAsync(() => Client.AppsV1.ReadNamespacedReplicaSetAsync(rs.Metadata.Name, ns)), "replica set collected");
    }

    [Fact]
    public async Task ForegroundDeletesDependentsFirstAndOrphanKeepsThem()
    {
        var ns = await NamespaceAsync("propagation");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("fg", 1), ns);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("orphan", 1), ns);
        await EventuallyAsync(async () => (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count == 2, "two replica sets");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("fg", ns, propagationPolicy: "Foreground");
        await EventuallyAsync(() => GoneAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("fg", ns)), "foreground owner deleted");
        Assert.DoesNotContain((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items, r => r.Metadata.Name.StartsWith("fg-", StringComparison.Ordinal));

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("orphan", ns, propagationPolicy: "Orphan");
        await EventuallyAsync(() => GoneAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("orphan", ns)), "orphaning owner deleted");
        var orphaned = Assert.Single((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items);
        Assert.Null(orphaned.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task JobsCompleteAndTheFailureAnnotationMakesWorkloadsFail()
    {
        var ns = await NamespaceAsync("failures");
        var template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] } };
        await Client.BatchV1.CreateNamespacedJobAsync(new V1Job { Metadata = new V1ObjectMeta { Name = "ok" }, Spec = new V1JobSpec { Template = template } }, ns);
        var failing = new Dictionary<string, string> { [WorkloadSimulation.FailAnnotation] = "true" };
        await Client.BatchV1.CreateNamespacedJobAsync(new V1Job { Metadata = new V1ObjectMeta { Name = "bad", Annotations = failing }, Spec = new V1JobSpec { Template = template } }, ns);
        var bad = Deployment("bad", 1);
        bad.Metadata.Annotations = failing;
        await Client.AppsV1.CreateNamespacedDeploymentAsync(bad, ns);

        await EventuallyAsync(async () => (await Client.BatchV1.ReadNamespacedJobAsync("ok", ns)).Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true, "job complete");
        var ok = await Client.BatchV1.ReadNamespacedJobAsync("ok", ns);
        Assert.Equal(1, ok.Status.Succeeded);
        Assert.NotNull(ok.Status.StartTime);
        await EventuallyAsync(async () => (await Client.BatchV1.ReadNamespacedJobAsync("bad", ns)).Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, "job failed");
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedDeploymentAsync("bad", ns)).Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") == true, "deployment failed");
    }

    [Fact]
    public async Task StatefulSetsDaemonSetsPodsAndClaimsReachTheirReadyStatus()
    {
        var ns = await NamespaceAsync("others");
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "db" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "postgres:16" }] },
        };
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } };
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "db" }, Spec = new V1StatefulSetSpec { Replicas = 3, Selector = selector, Template = template, ServiceName = "db" } }, ns);
        await Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet { Metadata = new V1ObjectMeta { Name = "agent" }, Spec = new V1DaemonSetSpec { Selector = selector, Template = template } }, ns);
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = template.Spec }, ns);
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data" },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        }, ns);

        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Status?.ReadyReplicas == 3, "statefulset ready");
        var sts = await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        Assert.Equal((3, 3, sts.Status.CurrentRevision), (sts.Status.CurrentReplicas, sts.Status.UpdatedReplicas, sts.Status.UpdateRevision));
        Assert.Equal(sts.Metadata.Generation, sts.Status.ObservedGeneration);
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns)).Status?.NumberReady == 1, "daemonset ready");
        var ds = await Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns);
        Assert.Equal((1, 1, 1), (ds.Status.DesiredNumberScheduled, ds.Status.UpdatedNumberScheduled ?? 0, ds.Status.NumberAvailable ?? 0));
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Status?.Phase == "Running", "pod running");
        Assert.Contains((await Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns)).Status?.Phase == "Bound", "claim bound");
    }

    internal static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx:1.27" }] },
            },
        },
    };
}
