using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>
/// Conformance check 14: the API-server behaviour Flux's apply engine relies on, driven the way it drives
/// it (server-side dry-run, compare, apply with forced ownership; delete in the background; recreate after
/// an immutable-field error).
/// </summary>
public sealed class FluxApplyConformanceTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>
{
    private const string Manager = "kustomize-controller";
    private readonly string _namespace = "flux-" + Guid.NewGuid().ToString("N")[..8];

    private IKubernetes Client => sandbox.Client;

    [Fact]
    public async Task TheSameSetAppliedTwiceIsUnchangedAndKeepsEveryResourceVersion()
    {
        await CreateNamespace();
        var objects = new[] { ConfigMap("settings", "1"), Deployment("web", "web") };
        foreach (var obj in objects)
        {
            Assert.Equal("", ResourceVersionOf(await Apply(obj, dryRun: true)));
            await Apply(obj, dryRun: false);
        }
        var versions = new List<string>();
        foreach (var obj in objects)
        {
            var live = await Get(obj);
            versions.Add(ResourceVersionOf(live));
            Assert.False(HasDrifted(live, await Apply(obj, dryRun: true)), $"{Name(obj)} should be unchanged");
            await Apply(obj, dryRun: false);
        }
        for (var i = 0; i < objects.Length; i++)
        {
            Assert.Equal(versions[i], ResourceVersionOf(await Get(objects[i])));
        }
    }

    [Fact]
    public async Task ALiveEditIsSeenAsDriftAndRevertedByTheNextApply()
    {
        await CreateNamespace();
        var desired = ConfigMap("settings", "1");
        await Apply(desired, dryRun: false);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"value":"edited"}}""", V1Patch.PatchType.MergePatch), "settings", _namespace, fieldManager: "kubectl-edit");

        var edited = await Get(desired);
        Assert.True(HasDrifted(edited, await Apply(desired, dryRun: true)));
        await Apply(desired, dryRun: false);
        Assert.Equal("1", (await Get(desired))["data"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task APrunedDeploymentIsDeletedInTheBackgroundWithItsReplicaSets()
    {
        await CreateNamespace();
        var web = Deployment("web", "web");
        await Apply(web, dryRun: false);
        await Eventually(async () => (await Client.AppsV1.ListNamespacedReplicaSetAsync(_namespace)).Items.Count == 1);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", _namespace, propagationPolicy: "Background");
        await Eventually(async () => !await Exists(web) && (await Client.AppsV1.ListNamespacedReplicaSetAsync(_namespace)).Items.Count == 0);
    }

    [Fact]
    public async Task AnImmutableChangeFailsTheDryRunAndApplyingAfterDeletionRecreates()
    {
        await CreateNamespace();
        await Apply(Deployment("web", "web"), dryRun: false);
        var changed = Deployment("web", "web-v2");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Apply(changed, dryRun: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("field is immutable", error.Response.Content, StringComparison.Ordinal);

        var before = await Get(changed);
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", _namespace, propagationPolicy: "Background");
        await Eventually(async () => !await Exists(changed));
        Assert.Equal("", ResourceVersionOf(await Apply(changed, dryRun: true)));
        var recreated = await Apply(changed, dryRun: false);
        Assert.NotEqual(before["metadata"]!["uid"]!.GetValue<string>(), recreated["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("web-v2", recreated["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
    }

    /// <summary>Flux's drift rule: labels, annotations, or anything outside metadata and status differ.</summary>
    private static bool HasDrifted(JsonObject live, JsonObject dryRun)
    {
        if (ResourceVersionOf(dryRun) == "")
        {
            return true;
        }
        return !JsonNode.DeepEquals(live["metadata"]!["labels"], dryRun["metadata"]!["labels"])
            || !JsonNode.DeepEquals(live["metadata"]!["annotations"], dryRun["metadata"]!["annotations"])
            || !JsonNode.DeepEquals(WithoutMetadataAndStatus(live), WithoutMetadataAndStatus(dryRun));
    }

    private static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private async Task<JsonObject> Apply(JsonObject obj, bool dryRun)
    {
        var (group, version, plural) = Resource(obj);
        var result = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(obj.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            group, version, _namespace, plural, Name(obj),
            dryRun: dryRun ? "All" : null,
            fieldManager: Manager,
            force: true);
        return Parse(result);
    }

    private async Task<JsonObject> Get(JsonObject obj)
    {
        var (group, version, plural) = Resource(obj);
        return Parse(await Client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, _namespace, plural, Name(obj)));
    }

    private async Task<bool> Exists(JsonObject obj)
    {
        try
        {
            await Get(obj);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private Task CreateNamespace() =>
        Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } });

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("condition not reached within 10 s");
    }

    private static JsonObject Parse(object result) => JsonNode.Parse(((JsonElement)result).GetRawText())!.AsObject();

    private static string ResourceVersionOf(JsonObject obj) => obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static (string Group, string Version, string Plural) Resource(JsonObject obj) =>
        obj["kind"]!.GetValue<string>() == "ConfigMap" ? ("", "v1", "configmaps") : ("apps", "v1", "deployments");

    private static JsonObject OwnerLabels() => new()
    {
        ["kustomize.toolkit.fluxcd.io/name"] = "apps",
        ["kustomize.toolkit.fluxcd.io/namespace"] = "flux-system",
    };

    private JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = _namespace, ["labels"] = OwnerLabels() },
        ["data"] = new JsonObject { ["value"] = value },
    };

    private JsonObject Deployment(string name, string app) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = _namespace, ["labels"] = OwnerLabels() },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx:1.27" }),
                },
            },
        },
    };
}
