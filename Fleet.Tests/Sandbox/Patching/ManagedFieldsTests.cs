using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class ManagedFieldsTests
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(5);
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string ManagedFieldsOf(JsonObject obj) => obj["metadata"]!["managedFields"]?.ToJsonString(Relaxed) ?? "none";

    [Fact]
    public void CreateRecordsEverySetFieldUnderAnUpdateEntry()
    {
        var created = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"ns","uid":"u","labels":{"app":"a"}},"data":{"k":"v"}}"""), "kubectl-create", "v1", T1, null);

        Assert.Equal(
            """[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]""",
            ManagedFieldsOf(created));
    }

    [Fact]
    public void CreatingADefaultedDeploymentRecordsItLikeTheApiServer()
    {
        var deployment = Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}},"status":{}}
            """);
        Defaulting.Apply("apps", "Deployment", deployment);

        var created = ManagedFields.RecordUpdate(null, deployment, "kubectl-create", "apps/v1", T1, null);

        Assert.Equal(
            """{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}""",
            created["metadata"]!["managedFields"]![0]!["fieldsV1"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void AnUpdateTakesTheChangedFieldsFromOtherManagers()
    {
        var before = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"paused":false}}"""), "helm", "apps/v1", T1, null);
        var after = before.DeepClone().AsObject();
        after["spec"]!["replicas"] = 3;

        var scaled = ManagedFields.RecordUpdate(before, after, "kubectl-scale", "apps/v1", T2, "scale");

        Assert.Equal(
            """[{"manager":"helm","operation":"Update","apiVersion":"apps/v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:paused":{}}}},{"manager":"kubectl-scale","operation":"Update","apiVersion":"apps/v1","time":"2026-11-24T01:05:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}},"subresource":"scale"}]""",
            ManagedFieldsOf(scaled));
    }

    [Fact]
    public void EntriesLeftEmptyAreDropped()
    {
        var before = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}"""), "a", "v1", T1, null);
        var after = before.DeepClone().AsObject();
        after.Remove("data");

        var result = ManagedFields.RecordUpdate(before, after, "b", "v1", T2, null);

        Assert.Equal("none", ManagedFieldsOf(result));
    }

    [Fact]
    public void AWriteThatChangesNothingLeavesManagedFieldsAlone()
    {
        var before = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}"""), "a", "v1", T1, null);

        var result = ManagedFields.RecordUpdate(before, before.DeepClone().AsObject(), "b", "v1", T2, null);

        Assert.True(JsonNode.DeepEquals(before, result), result.ToJsonString());
    }

    [Fact]
    public void RemovedFieldsLeaveEveryManager()
    {
        var before = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"x":"1","y":"2"}}}"""), new ApplyOptions("flux", "v1", T1));
        var after = before.DeepClone().AsObject();
        after["metadata"]!["annotations"]!.AsObject().Remove("x");

        var result = ManagedFields.RecordUpdate(before, after, "kubectl-annotate", "v1", T2, null);

        Assert.Equal(
            """[{"manager":"flux","operation":"Apply","apiVersion":"v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:y":{}}}}}]""",
            ManagedFieldsOf(result));
    }

    [Fact]
    public void ExplicitManagedFieldsInTheRequestReplaceTheStoredOnes()
    {
        var before = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}"""), "kubectl-client-side-apply", "v1", T1, null);
        var rewritten = before.DeepClone().AsObject();
        rewritten["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"kustomize-controller","operation":"Apply","apiVersion":"v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}}}]""");

        var result = ManagedFields.RecordUpdate(before, rewritten, "kustomize-controller", "v1", T2, null);

        Assert.Equal(
            """[{"manager":"kustomize-controller","operation":"Apply","apiVersion":"v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}}}]""",
            ManagedFieldsOf(result));
    }

    [Fact]
    public void ASingleEmptyEntryClearsAndAnEmptyListKeeps()
    {
        var before = ManagedFields.RecordUpdate(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}"""), "a", "v1", T1, null);

        var cleared = JsonPatch.Apply(before, JsonNode.Parse("""[{"op":"replace","path":"/metadata/managedFields","value":[{}]}]""")!).AsObject();
        Assert.Equal("none", ManagedFieldsOf(ManagedFields.RecordUpdate(before, cleared, "flux", "v1", T2, null)));

        var emptied = JsonPatch.Apply(before, JsonNode.Parse("""[{"op":"replace","path":"/metadata/managedFields","value":[]}]""")!).AsObject();
        Assert.Equal(ManagedFieldsOf(before), ManagedFieldsOf(ManagedFields.RecordUpdate(before, emptied, "flux", "v1", T2, null)));

        Assert.Empty(ManagedFields.Requested(before, cleared, null));
        Assert.Single(ManagedFields.Requested(before, emptied, null));
        Assert.Single(ManagedFields.Requested(before, cleared, "status"));
    }
}
