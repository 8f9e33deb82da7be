using System.Net;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Notification;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// The objects a Receiver's <c>spec.resources</c> name, resolved as notification-controller's requestReconciliation does:
/// the namespace defaults to the Receiver's, a cross-namespace one is refused under <c>--no-cross-namespace-refs</c>, the
/// apiVersion defaults only for the kinds Flux knows one for, and <c>*</c> means every object with the <c>matchLabels</c>.
/// </summary>
public sealed class ReceiverTargets(IKubernetes kubernetes, bool noCrossNamespaceRefs)
{
    /// <summary>Flux's defaultFluxAPIVersions: a resource of another kind must say its apiVersion.</summary>
    private static readonly Dictionary<string, string> DefaultApiVersions = new(StringComparer.Ordinal)
    {
        ["Bucket"] = "source.toolkit.fluxcd.io/v1",
        ["HelmChart"] = "source.toolkit.fluxcd.io/v1",
        ["HelmRepository"] = "source.toolkit.fluxcd.io/v1",
        ["GitRepository"] = "source.toolkit.fluxcd.io/v1",
        ["OCIRepository"] = "source.toolkit.fluxcd.io/v1",
        ["ImageRepository"] = "image.toolkit.fluxcd.io/v1",
        ["ArtifactGenerator"] = "source.extensions.fluxcd.io/v1beta1",
    };

    /// <summary>The objects <paramref name="resource"/> names; throws <see cref="ReceiverTargetException"/> when it names none validly.</summary>
    public async Task<IReadOnlyList<ReceiverTarget>> ResolveAsync(ReceiverResource resource, string receiverNamespace, CancellationToken cancellationToken)
    {
        var ns = receiverNamespace;
        if (resource.Namespace is { Length: > 0 } other)
        {
            if (noCrossNamespaceRefs && other != receiverNamespace)
            {
                throw new ReceiverTargetException("cross-namespace references are not allowed");
            }
            ns = other;
        }
        var apiVersion = resource.ApiVersion is { Length: > 0 } given
            ? given
            : DefaultApiVersions.GetValueOrDefault(resource.Kind) ?? throw new ReceiverTargetException($"apiVersion must be specified for kind \"{resource.Kind}\"");
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var kind = FluxKinds.Find(resource.Kind) ?? throw new ReceiverTargetException($"kind \"{resource.Kind}\" is not a Flux kind Fleet knows");
        if (resource.Name != "*")
        {
            return [await ReadAsync(new ReceiverTarget(kind, group, version, ns, resource.Name), cancellationToken)];
        }
        if (resource.MatchLabels is null)
        {
            throw new ReceiverTargetException("matchLabels field not set when using wildcard '*' as name");
        }
        return await ListAsync(kind, group, version, ns, resource.MatchLabels, cancellationToken);
    }

    private async Task<ReceiverTarget> ReadAsync(ReceiverTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(
                target.Group, target.Version, target.Namespace, target.Kind.Plural, target.Name, cancellationToken);
            return target;
        }
        catch (HttpOperationException e)
        {
            throw new ReceiverTargetException(
                $"unable to read {target.Kind.Kind} \"{target.Namespace}/{target.Name}\" error: {Describe(e, target.Kind.Plural, target.Name)}");
        }
    }

    private async Task<IReadOnlyList<ReceiverTarget>> ListAsync(
        FluxKind kind, string group, string version, string ns, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var selector = string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        JsonObject list;
        try
        {
            list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                group, version, ns, kind.Plural, labelSelector: selector, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new ReceiverTargetException(
                $"failed listing resources in namespace \"{ns}\" by matching labels \"{selector}\": {Describe(e, kind.Plural, null)}");
        }
        return [.. (list["items"] as JsonArray ?? [])
            .Select(item => item?["metadata"]?["name"]?.GetValue<string>())
            .OfType<string>()
            .Select(name => new ReceiverTarget(kind, group, version, ns, name))];
    }

    private static string Describe(HttpOperationException e, string plural, string? name) =>
        e.Response.StatusCode == HttpStatusCode.NotFound && name is not null
            ? $"{plural} \"{name}\" not found"
            : $"the API server answered {(int)e.Response.StatusCode} {e.Response.StatusCode}";
}
