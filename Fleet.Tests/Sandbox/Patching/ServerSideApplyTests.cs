using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(5);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static ApplyOptions Kubectl(DateTimeOffset time, bool force = false) => new("kubectl", "apps/v1", time) { Force = force };

    private static JsonObject Deployment(int replicas, string image = "nginx:1.27") => Obj("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"replicas":REPLICAS,"template":{"spec":{"containers":[{"name":"nginx","image":"IMAGE"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal));

    private static string Fields(JsonObject obj, int entry = 0) => obj["metadata"]!["managedFields"]![entry]!["fieldsV1"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void CreatesWithAnApplyEntry()
    {
        var created = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"ns","labels":{"app":"a"}},"data":{"k":"v"}}"""), new ApplyOptions("kubectl", "v1", T1));

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"ns","labels":{"app":"a"},"managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-11-24T01:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:app":{}}}}}]},"data":{"k":"v"}}""",
            created.ToJsonString());
    }

    [Fact]
    public void ReapplyingTheSameConfigurationChangesNothingNotEvenTheTime()
    {
        var live = ServerSideApply.Apply(null, Deployment(2), Kubectl(T1));
        live["metadata"]!["resourceVersion"] = "7";
        live["metadata"]!["uid"] = "u-1";
        live["status"] = new JsonObject { ["replicas"] = 2 };

        var again = ServerSideApply.Apply(live, Deployment(2), Kubectl(T2));

        Assert.True(JsonNode.DeepEquals(live, again), again.ToJsonString());
    }

    [Fact]
    public void KeepsServerSetMetadataAndTouchesTheTimeOnChange()
    {
        var live = ServerSideApply.Apply(null, Deployment(2), Kubectl(T1));
        live["metadata"]!["resourceVersion"] = "7";
        live["metadata"]!["uid"] = "u-1";
        var applied = Deployment(3);
        applied["metadata"]!["resourceVersion"] = "1";

        var updated = ServerSideApply.Apply(live, applied, Kubectl(T2));

        Assert.Equal(3, updated["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("7", updated["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("u-1", updated["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("2026-11-24T01:05:00Z", updated["metadata"]!["managedFields"]![0]!["time"]!.GetValue<string>());
    }

    [Fact]
    public void AFieldAnotherManagerOwnsWithADifferentValueIsAConflict()
    {
        var live = ManagedFields.RecordUpdate(null, Deployment(1), "kubectl-client-side-apply", "apps/v1", T1, null);

        var ex = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, Deployment(3), Kubectl(T2)));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", ex.Message);
        var conflict = Assert.Single(ex.Conflicts);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using apps/v1", conflict.Message);
        Assert.Equal(".spec.replicas", conflict.Field);
    }

    [Fact]
    public void SeveralConflictsAreListedPerManager()
    {
        var live = ManagedFields.RecordUpdate(null, Deployment(1), "helm", "apps/v1", T1, null);
        live = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"a":"1"}}}"""), new ApplyOptions("flux", "apps/v1", T1));

        var applied = Deployment(3, "nginx:2");
        applied["metadata"]!["labels"] = new JsonObject { ["a"] = "2" };
        var ex = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, applied, Kubectl(T2)));

        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"flux\":\n- .metadata.labels.a\nconflicts with \"helm\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image",
            ex.Message);
    }

    [Fact]
    public void LabelSelectorsAreOwnedAndReplacedWhole()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web","tier":"a"}}}}"""), new ApplyOptions("helm", "apps/v1", T1));
        Assert.Equal("""{"f:spec":{"f:selector":{}}}""", Fields(live));

        var ex = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}}}}"""), Kubectl(T2)));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"helm\": .spec.selector", ex.Message);

        var replaced = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}}}}"""), new ApplyOptions("helm", "apps/v1", T2));
        Assert.Equal("""{"matchLabels":{"app":"web"}}""", replaced["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void ForceTakesOwnership()
    {
        var live = ManagedFields.RecordUpdate(null, Deployment(1), "kubectl-client-side-apply", "apps/v1", T1, null);

        var forced = ServerSideApply.Apply(live, Deployment(3), Kubectl(T2, force: true));

        Assert.Equal(3, forced["spec"]!["replicas"]!.GetValue<long>());
        var entries = forced["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(["kubectl", "kubectl-client-side-apply"], entries.Select(e => e!["manager"]!.GetValue<string>()));
        Assert.Equal("""{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""", Fields(forced, 0));
        Assert.Equal("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""", Fields(forced, 1));
    }

    [Fact]
    public void EqualValuesAreSharedNotConflicting()
    {
        var live = ManagedFields.RecordUpdate(null, Deployment(1), "kubectl-client-side-apply", "apps/v1", T1, null);

        var applied = ServerSideApply.Apply(live, Deployment(1), Kubectl(T2));

        var entries = applied["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Contains("f:replicas", Fields(applied, 0));
        Assert.Contains("f:replicas", Fields(applied, 1));
        Assert.True(JsonNode.DeepEquals(live["spec"], applied["spec"]));
    }

    [Fact]
    public void NumbersCompareByValueWhateverTheirRepresentation()
    {
        var live = ManagedFields.RecordUpdate(null, Deployment(1), "helm", "apps/v1", T1, null);
        live["spec"]!["replicas"] = JsonValue.Create(1L);

        var applied = ServerSideApply.Apply(live, Deployment(1), Kubectl(T2));

        Assert.Equal(2, applied["metadata"]!["managedFields"]!.AsArray().Count);
    }

    [Fact]
    public void ObjectsWithoutManagedFieldsAreOwnedByBeforeFirstApply()
    {
        var live = Deployment(1);

        var ex = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, Deployment(2), Kubectl(T2)));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", ex.Message);
    }

    [Fact]
    public void RemovesFieldsTheManagerStopsApplying()
    {
        var first = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{"x":"1","y":"2"}}""");
        var live = ServerSideApply.Apply(null, first, new ApplyOptions("flux", "v1", T1));

        var second = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"x":"1"}}""");
        var result = ServerSideApply.Apply(live, second, new ApplyOptions("flux", "v1", T2));

        Assert.Equal("""{"name":"c","labels":{"a":"1"}}""", WithoutManagedFields(result["metadata"]!));
        Assert.Equal("""{"x":"1"}""", result["data"]!.ToJsonString());
        Assert.Equal("""{"f:data":{"f:x":{}},"f:metadata":{"f:labels":{"f:a":{}}}}""", Fields(result));
    }

    [Fact]
    public void DroppedFieldsAnotherManagerOwnsStay()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"x":"1","y":"2"}}"""), new ApplyOptions("flux", "v1", T1));
        live = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"y":"2"}}"""), new ApplyOptions("other", "v1", T1));

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"x":"1"}}"""), new ApplyOptions("flux", "v1", T2));

        Assert.Equal("""{"x":"1","y":"2"}""", result["data"]!.ToJsonString());
    }

    [Fact]
    public void DroppingTheOnlyLabelRemovesTheEmptyMap()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"x":"1"}}"""), new ApplyOptions("flux", "v1", T1));

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"x":"1"}}"""), new ApplyOptions("flux", "v1", T2));

        Assert.Equal("""{"name":"c"}""", WithoutManagedFields(result["metadata"]!));
    }

    [Fact]
    public void MergesKeyedListsAndKeepsOtherManagersItems()
    {
        var live = ServerSideApply.Apply(null, Deployment(1), Kubectl(T1));
        var sidecar = Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy","ports":[{"containerPort":9901}]}]}}}}
            """);
        var both = ServerSideApply.Apply(live, sidecar, new ApplyOptions("injector", "apps/v1", T2));

        Assert.Equal(
            """[{"name":"nginx","image":"nginx:1.27"},{"name":"proxy","image":"envoy","ports":[{"containerPort":9901}]}]""",
            both["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());

        var withoutSidecar = ServerSideApply.Apply(both, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"}}"""), new ApplyOptions("injector", "apps/v1", T2));
        Assert.Equal("""[{"name":"nginx","image":"nginx:1.27"}]""", withoutSidecar["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void AtomicListsAreReplacedWhole()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","args":["a","b"]}]}}"""), new ApplyOptions("m", "v1", T1));

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","args":["z"]}]}}"""), new ApplyOptions("m", "v1", T2));

        Assert.Equal("""["z"]""", result["spec"]!["containers"]![0]!["args"]!.ToJsonString());
    }

    [Fact]
    public void FinalizersMergeAsASet()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a"]}}"""), new ApplyOptions("one", "v1", T1));

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["b","a"]}}"""), new ApplyOptions("two", "v1", T2));

        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void CrdListsFollowTheSchema()
    {
        var schema = Obj("""{"properties":{"spec":{"properties":{"items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object"}},"plain":{"type":"array","items":{"type":"string"}}}}}}""");
        var options = new ApplyOptions("a", "example.com/v1", T1) { Lists = ListSchema.FromOpenApiSchema(schema) };
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"name":"x","v":1}],"plain":["p"]}}"""), options);

        var merged = ServerSideApply.Apply(live, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"name":"y","v":2}],"plain":["p"]}}"""), options with { Manager = "b" });
        Assert.Equal("""{"items":[{"name":"x","v":1},{"name":"y","v":2}],"plain":["p"]}""", merged["spec"]!.ToJsonString());

        var conflict = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(merged, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"plain":["q"]}}"""), options with { Manager = "b" }));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"a\": .spec.plain", conflict.Message);

        var replaced = ServerSideApply.Apply(merged, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"name":"x","v":1}],"plain":["q"]}}"""), options with { Force = true });
        Assert.Equal("""{"items":[{"name":"x","v":1},{"name":"y","v":2}],"plain":["q"]}""", replaced["spec"]!.ToJsonString());
    }

    [Fact]
    public void StatusIsNotAppliedThroughTheMainResourceOfAKindWithAStatusSubresource()
    {
        var live = Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"status":{"phase":"Ready"}}""");
        var applied = Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"a":1},"status":{"phase":"Broken"}}""");

        var result = ServerSideApply.Apply(live, applied, new ApplyOptions("m", "example.com/v1", T1) { HasStatusSubresource = true });

        Assert.Equal("""{"phase":"Ready"}""", result["status"]!.ToJsonString());
        Assert.Equal("""{"a":1}""", result["spec"]!.ToJsonString());

        var status = ServerSideApply.Apply(result, applied, new ApplyOptions("m", "example.com/v1", T2) { HasStatusSubresource = true, Subresource = "status", Force = true });
        Assert.Equal("""{"phase":"Broken"}""", status["status"]!.ToJsonString());
        Assert.Equal("status", status["metadata"]!["managedFields"]!.AsArray().Single(e => e!["subresource"] is not null)!["subresource"]!.GetValue<string>());
    }

    [Fact]
    public void KeyedItemsWithoutTheirKeyAreRejected()
    {
        var ex = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"image":"x"}]}}"""), new ApplyOptions("m", "v1", T1)));
        Assert.Equal("failed to create typed patch object: .spec.containers: element 0: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)", ex.Message);
    }

    [Fact]
    public void IntegersStayIntegers()
    {
        var result = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"x":{"big":9007199254740993}}"""), new ApplyOptions("m", "v1", T1));
        Assert.Equal("""{"big":9007199254740993}""", result["x"]!.ToJsonString());
    }

    [Fact]
    public async Task ConcurrentAppliesOnSharedInputsAgree()
    {
        var live = ServerSideApply.Apply(null, Deployment(1), new ApplyOptions("helm", "apps/v1", T1));
        var applied = Deployment(4, "nginx:2");
        var expected = ServerSideApply.Apply(live, applied, Kubectl(T2, force: true)).ToJsonString();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 100).Select(_ => ServerSideApply.Apply(live, applied, Kubectl(T2, force: true)).ToJsonString()).Distinct().ToList())));

        Assert.All(results, r => Assert.Equal([expected], r));
    }

    private static string WithoutManagedFields(JsonNode metadata)
    {
        var copy = metadata.DeepClone().AsObject();
        copy.Remove("managedFields");
        return copy.ToJsonString();
    }
}
