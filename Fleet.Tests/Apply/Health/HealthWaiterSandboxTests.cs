using System.Net;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;
using Fleet.Node.Sandbox.Controllers;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Apply.Health;

/// <summary>The health wait against the sandbox API server, whose simulated controllers write real workload status.</summary>
public sealed class HealthWaiterSandboxTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private HealthWaiter Waiter => new(ReadAsync, TimeProvider.System);

    private async Task<JsonObject?> ReadAsync(ObjectRef reference, CancellationToken ct)
    {
        try
        {
            var deployment = await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync(reference.Name, reference.Namespace, cancellationToken: ct);
            deployment.ApiVersion = reference.ApiVersion;
            deployment.Kind = reference.Kind;
            return JsonNode.Parse(KubernetesJson.Serialize(deployment))!.AsObject();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<ObjectRef> CreateAsync(string ns, string name, bool failing = false)
    {
        var deployment = LifecycleTests.Deployment(name, 2);
        if (failing)
        {
            deployment.Metadata.Annotations = new Dictionary<string, string> { [WorkloadSimulation.FailAnnotation] = "true" };
        }

        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        return new ObjectRef("apps", "v1", "Deployment", ns, name);
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    [Fact]
    public async Task ADeploymentRolledOutByTheSandboxBecomesCurrentAndItsDeletionIsWaitedFor()
    {
        var ns = await NamespaceAsync("health-ok");
        var web = await CreateAsync(ns, "web");

        var result = await Waiter.WaitAsync([web], Timeout, Poll, failFast: true, CancellationToken.None);

        Assert.True(result.Healthy, result.Message);
        Assert.Equal(new ObjectHealth(HealthStatus.Current, "", "Deployment is available. Replicas: 2"), result.Objects[0].Health);

        await fixture.Client.AppsV1.DeleteNamespacedDeploymentAsync(web.Name, ns);
        var gone = await Waiter.WaitForTerminationAsync([web], Timeout, Poll, CancellationToken.None);
        Assert.True(gone.Healthy, gone.Message);
    }

    [Fact]
    public async Task ADeploymentPastItsProgressDeadlineFailsFastWithFluxsMessage()
    {
        var ns = await NamespaceAsync("health-failing");
        var web = await CreateAsync(ns, "web");
        var broken = await CreateAsync(ns, "broken", failing: true);

        var result = await Waiter.WaitAsync([web, broken], Timeout, Poll, failFast: true, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal("failed early due to stalled resources: [Deployment/health-failing/broken status: 'Failed']", result.Message);
        Assert.Equal(new ObjectHealth(HealthStatus.Failed, "ProgressDeadlineExceeded", "Progress deadline exceeded"), result.Objects[1].Health);
    }
}
