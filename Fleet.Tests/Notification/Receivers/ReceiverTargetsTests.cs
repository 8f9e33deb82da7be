using Fleet.Actors.Notification.Receivers;
using Fleet.Messages.Api.Notification;
using k8s;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>The resources a Receiver may not name, refused with Flux's words before the API server is asked anything.</summary>
public sealed class ReceiverTargetsTests : IDisposable
{
    // Nothing listens there: each refusal must come before any request.
    private readonly Kubernetes _unreachable = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });

    public void Dispose() => _unreachable.Dispose();

    [Fact]
    public async Task AnotherNamespaceIsRefusedUnderNoCrossNamespaceRefs()
    {
        var resource = new ReceiverResource { ApiVersion = "source.toolkit.fluxcd.io/v1", Kind = "GitRepository", Name = "app", Namespace = "other" };
        var error = await Assert.ThrowsAsync<ReceiverTargetException>(() => new ReceiverTargets(_unreachable, noCrossNamespaceRefs: true).ResolveAsync(resource, "mine", CancellationToken.None));
        Assert.Equal("cross-namespace references are not allowed", error.Message);
    }

    [Fact]
    public async Task AKindWithoutADefaultApiVersionMustSayIt()
    {
        var resource = new ReceiverResource { Kind = "Kustomization", Name = "apps" };
        var error = await Assert.ThrowsAsync<ReceiverTargetException>(() => new ReceiverTargets(_unreachable, false).ResolveAsync(resource, "mine", CancellationToken.None));
        Assert.Equal("apiVersion must be specified for kind \"Kustomization\"", error.Message);
    }

    [Fact]
    public async Task AWildcardNeedsMatchLabels()
    {
        var resource = new ReceiverResource { Kind = "GitRepository", Name = "*" };
        var error = await Assert.ThrowsAsync<ReceiverTargetException>(() => new ReceiverTargets(_unreachable, false).ResolveAsync(resource, "mine", CancellationToken.None));
        Assert.Equal("matchLabels field not set when using wildcard '*' as name", error.Message);
    }
}
