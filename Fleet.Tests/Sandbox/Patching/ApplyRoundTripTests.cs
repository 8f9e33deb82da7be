using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

/// <summary>The write path a store runs (apply or update, then defaulting) must make a repeated write a no-op.</summary>
public class ApplyRoundTripTests
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
         "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]}}}}
        """;

    private const string Service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
         "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80}]}}
        """;

    private static JsonObject ApplyAndDefault(JsonObject? live, string manifest, string group, string kind, DateTimeOffset time)
    {
        var next = ServerSideApply.Apply(live, JsonNode.Parse(manifest)!.AsObject(), new ApplyOptions("kustomize-controller", JsonNode.Parse(manifest)!["apiVersion"]!.GetValue<string>(), time) { Force = true });
        Defaulting.Apply(group, kind, next, () => "10.96.0.20");
        return next;
    }

    [Theory]
    [InlineData(Deployment, "apps", "Deployment")]
    [InlineData(Service, "", "Service")]
    public void ApplyingTheSameManifestAgainIsANoOp(string manifest, string group, string kind)
    {
        var live = ApplyAndDefault(null, manifest, group, kind, T1);
        live["metadata"]!["resourceVersion"] = "12";

        var again = ApplyAndDefault(live, manifest, group, kind, T1.AddHours(1));

        Assert.True(JsonNode.DeepEquals(live, again), again.ToJsonString());
    }

    [Fact]
    public void AnUpdateThatRewritesTheSameObjectIsANoOp()
    {
        var created = JsonNode.Parse(Deployment)!.AsObject();
        Defaulting.Apply("apps", "Deployment", created);
        var live = ManagedFields.RecordUpdate(null, created, "helm", "apps/v1", T1, null);

        var patched = StrategicMergePatch.Apply(live, JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}""")!, "apps", "Deployment").AsObject();
        Defaulting.Apply("apps", "Deployment", patched);
        var recorded = ManagedFields.RecordUpdate(live, patched, "helm", "apps/v1", T1.AddHours(1), null);

        Assert.True(JsonNode.DeepEquals(live, recorded), recorded.ToJsonString());
    }

    [Fact]
    public void ScalingThenApplyingConflictsOnReplicasUntilForced()
    {
        var live = ServerSideApply.Apply(null, JsonNode.Parse(Deployment)!.AsObject(), new ApplyOptions("kubectl", "apps/v1", T1));
        Defaulting.Apply("apps", "Deployment", live);
        var scaled = JsonMergePatch.Apply(live, JsonNode.Parse("""{"spec":{"replicas":3}}"""))!.AsObject();
        live = ManagedFields.RecordUpdate(live, scaled, "kubectl-scale", "apps/v1", T1, "scale");

        var manifest = JsonNode.Parse(Deployment)!.AsObject();
        manifest["spec"]!["replicas"] = 5L;
        var ex = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, manifest, new ApplyOptions("kubectl", "apps/v1", T1)));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas", ex.Message);

        var forced = ServerSideApply.Apply(live, manifest, new ApplyOptions("kubectl", "apps/v1", T1) { Force = true });
        Assert.Equal(5, forced["spec"]!["replicas"]!.GetValue<long>());
        Assert.Single(forced["metadata"]!["managedFields"]!.AsArray());
    }
}
