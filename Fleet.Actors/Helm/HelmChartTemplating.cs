using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Helm;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Helm;

/// <summary>
/// helm-controller's HelmChart template: a HelmRelease with `chart.spec` gets a HelmChart `&lt;namespace&gt;-&lt;name&gt;`
/// in its source's namespace, labelled with the release's name and namespace (no owner reference, since it may be in
/// another namespace), kept equal to the template, and deleted with the release.
/// </summary>
public static class HelmChartTemplating
{
    public const string NameLabel = "helm.toolkit.fluxcd.io/name";
    public const string NamespaceLabel = "helm.toolkit.fluxcd.io/namespace";

    /// <summary>The HelmChart the template describes.</summary>
    public static ObjectKey KeyOf(ObjectKey release, HelmChartTemplate template) =>
        new(FluxKinds.HelmChart.Kind, template.Spec.SourceRef.Namespace is { Length: > 0 } ns ? ns : release.Namespace, ReleaseTarget.HelmChartName(release));

    /// <summary>The HelmChart object for <paramref name="template"/>, as helm-controller builds it.</summary>
    public static JsonObject Desired(ObjectKey release, HelmChartTemplate template, string releaseInterval)
    {
        var key = KeyOf(release, template);
        var labels = new JsonObject();
        foreach (var (name, value) in template.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            labels[name] = value;
        }
        labels[NameLabel] = release.Name;
        labels[NamespaceLabel] = release.Namespace;
        var spec = template.Spec;
        var chartSpec = new JsonObject
        {
            ["chart"] = spec.Chart,
            ["version"] = string.IsNullOrEmpty(spec.Version) ? "*" : spec.Version,
            ["sourceRef"] = new JsonObject { ["kind"] = spec.SourceRef.Kind, ["name"] = spec.SourceRef.Name },
            ["interval"] = spec.Interval?.Text ?? releaseInterval,
            ["reconcileStrategy"] = spec.ReconcileStrategy ?? "ChartVersion",
        };
        if (spec.ValuesFiles is { Count: > 0 } files)
        {
            chartSpec["valuesFiles"] = new JsonArray([.. files.Select(f => (JsonNode?)JsonValue.Create(f))]);
        }
        if (spec.IgnoreMissingValuesFiles is { } ignore)
        {
            chartSpec["ignoreMissingValuesFiles"] = ignore;
        }
        if (spec.Verify is { } verify)
        {
            chartSpec["verify"] = FleetJson.SerializeToNode(verify);
        }
        var metadata = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace, ["labels"] = labels };
        if (template.Metadata?.Annotations is { Count: > 0 } annotations)
        {
            metadata["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]);
        }
        return new JsonObject
        {
            ["apiVersion"] = FluxKinds.HelmChart.ApiVersion,
            ["kind"] = FluxKinds.HelmChart.Kind,
            ["metadata"] = metadata,
            ["spec"] = chartSpec,
        };
    }

    /// <summary>Creates the HelmChart, or brings an existing one back to the template; writes nothing when it already matches.</summary>
    /// <exception cref="ApiCallException">The API server refused the read or the write.</exception>
    public static async Task EnsureAsync(IKubernetes client, JsonObject desired, CancellationToken cancellation)
    {
        var kind = FluxKinds.HelmChart;
        var ns = desired["metadata"]!["namespace"]!.GetValue<string>();
        var name = desired["metadata"]!["name"]!.GetValue<string>();
        try
        {
            JsonObject? existing;
            try
            {
                var found = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellation);
                existing = JsonNode.Parse(found.GetRawText())?.AsObject();
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(desired, kind.Group, kind.Version, ns, kind.Plural, cancellationToken: cancellation);
                return;
            }
            if (existing is null || Matches(existing, desired))
            {
                return;
            }
            existing["spec"] = desired["spec"]!.DeepClone();
            var metadata = existing["metadata"]!.AsObject();
            var labels = metadata["labels"] as JsonObject ?? [];
            ReleaseValues.Merge(labels, desired["metadata"]!["labels"]!.AsObject());
            metadata["labels"] = labels;
            if (desired["metadata"]!["annotations"] is JsonObject annotations)
            {
                var merged = metadata["annotations"] as JsonObject ?? [];
                ReleaseValues.Merge(merged, annotations);
                metadata["annotations"] = merged;
            }
            await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(existing, kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellation);
        }
        catch (HttpOperationException error)
        {
            throw new ApiCallException(ApiError.From(error));
        }
    }

    /// <summary>Deletes the HelmChart made for a release, if it is still there.</summary>
    public static async Task DeleteAsync(IKubernetes client, ObjectKey chart, CancellationToken cancellation)
    {
        var kind = FluxKinds.HelmChart;
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, chart.Namespace, kind.Plural, chart.Name, cancellationToken: cancellation);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private static bool Matches(JsonObject existing, JsonObject desired)
    {
        if (!JsonNode.DeepEquals(JsonKeyOrder.Sorted(existing["spec"]), JsonKeyOrder.Sorted(desired["spec"])))
        {
            return false;
        }
        var labels = existing["metadata"]?["labels"] as JsonObject;
        var annotations = existing["metadata"]?["annotations"] as JsonObject;
        return desired["metadata"]!["labels"]!.AsObject().All(l => labels?[l.Key]?.GetValue<string>() == l.Value!.GetValue<string>())
            && (desired["metadata"]!["annotations"] as JsonObject ?? []).All(a => annotations?[a.Key]?.GetValue<string>() == a.Value!.GetValue<string>());
    }
}
