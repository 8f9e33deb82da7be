using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class FieldSetTests
{
    private static FieldSet Parse(string json) => FieldSet.FromFieldsV1(JsonNode.Parse(json));

    [Fact]
    public void RoundTripsFieldsV1WithDotsKeysValuesAndIndices()
    {
        const string json = """{"f:metadata":{"f:finalizers":{".":{},"v:\"a\"":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}},"f:list":{"i:0":{}}}}""";
        Assert.Equal(json, Parse(json).ToString());
    }

    [Fact]
    public void ListsMemberPathsInTheApiServersDisplayForm()
    {
        var set = Parse("""{"f:metadata":{"f:finalizers":{"v:\"a\"":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}}}}}""");
        Assert.Equal(
            [
                ".metadata.finalizers[=\"a\"]",
                ".spec.replicas",
                ".spec.template.spec.containers[name=\"c\"]",
                ".spec.template.spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"]",
            ],
            set.Paths());
    }

    [Fact]
    public void UnionDifferenceAndIntersect()
    {
        var a = Parse("""{"f:data":{"f:a":{},"f:b":{}},"f:metadata":{"f:labels":{".":{},"f:x":{}}}}""");
        var b = Parse("""{"f:data":{"f:b":{},"f:c":{}},"f:metadata":{"f:labels":{"f:x":{}}}}""");
        Assert.Equal("""{"f:data":{"f:a":{},"f:b":{},"f:c":{}},"f:metadata":{"f:labels":{".":{},"f:x":{}}}}""", a.Union(b).ToString());
        Assert.Equal("""{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{}}}""", a.Difference(b).ToString());
        Assert.Equal("""{"f:data":{"f:b":{}},"f:metadata":{"f:labels":{"f:x":{}}}}""", a.Intersect(b).ToString());
        Assert.True(a.Difference(a).IsEmpty);
        Assert.True(a.Contains("f:metadata", "f:labels"));
        Assert.False(b.Contains("f:metadata", "f:labels"));
    }

    [Fact]
    public void BuildsTheSetOfAnObjectWithListKeysInSortedCompactJson()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},"finalizers":["f1"]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"securityContext":{},
               "containers":[{"name":"nginx","image":"nginx","ports":[{"protocol":"UDP","containerPort":53},{"containerPort":80}],"args":["a","b"]}]}}}}
            """)!.AsObject();
        var set = FieldSet.FromObject(deployment, "apps", "Deployment", ListSchema.BuiltIn);
        Assert.Equal(
            """{"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:finalizers":{"v:\"f1\"":{}},"f:labels":{"f:app":{}},"f:name":{}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":53,\"protocol\":\"UDP\"}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}},"f:securityContext":{}}}}}""",
            set.ToString());
    }

    [Fact]
    public void RejectsMalformedFieldsV1()
    {
        Assert.Equal("fieldsV1: unexpected key \"spec\"", Assert.Throws<FormatException>(() => Parse("""{"spec":{}}""")).Message);
        Assert.Equal("fieldsV1: the value of \"f:a\" is not an object", Assert.Throws<FormatException>(() => Parse("""{"f:a":1}""")).Message);
    }

    [Fact]
    public void CrdListsAreAtomicUnlessTheSchemaSaysOtherwise()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object"}},
              "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
              "plain":{"type":"array","items":{"type":"string"}}}}}}
            """)!.AsObject();
        var lists = ListSchema.FromOpenApiSchema(schema);
        Assert.Equal(ListSpec.Map("name").Keys, lists.Resolve("example.com", "Widget", "spec.items").Keys);
        Assert.Equal(ListType.Set, lists.Resolve("example.com", "Widget", "spec.tags").Type);
        Assert.Equal(ListType.Atomic, lists.Resolve("example.com", "Widget", "spec.plain").Type);
        Assert.Equal(ListType.Atomic, lists.Resolve("example.com", "Widget", "spec.unknown").Type);
        Assert.Equal(ListType.Set, lists.Resolve("example.com", "Widget", "metadata.finalizers").Type);
        Assert.Equal(["uid"], lists.Resolve("example.com", "Widget", "metadata.ownerReferences").Keys);
    }

    [Theory]
    [InlineData("apps", "Deployment", "spec.selector", true)]
    [InlineData("", "Service", "spec.selector", true)]
    [InlineData("", "Pod", "spec.nodeSelector", true)]
    [InlineData("apps", "Deployment", "spec.template.spec.containers.env.valueFrom.secretKeyRef", true)]
    [InlineData("apps", "Deployment", "spec.template.metadata.labels", false)]
    [InlineData("example.com", "Widget", "spec.selector", false)]
    public void KnowsTheAtomicMapsOfBuiltIns(string group, string kind, string path, bool atomic) =>
        Assert.Equal(atomic, ListSchema.BuiltIn.IsAtomicMap(group, kind, path));

    [Fact]
    public void CrdMapsAreAtomicWhenTheSchemaSaysSo()
    {
        var schema = JsonNode.Parse("""{"properties":{"spec":{"properties":{"target":{"type":"object","x-kubernetes-map-type":"atomic"},"open":{"type":"object"}}}}}""")!.AsObject();
        var lists = ListSchema.FromOpenApiSchema(schema);
        var widget = JsonNode.Parse("""{"spec":{"target":{"name":"a","kind":"B"},"open":{"x":1}}}""")!.AsObject();
        Assert.Equal("""{"f:spec":{"f:open":{"f:x":{}},"f:target":{}}}""", FieldSet.FromObject(widget, "example.com", "Widget", lists).ToString());
    }

    [Fact]
    public void BuiltInKeysDifferBetweenApplyAndStrategicMerge()
    {
        Assert.Equal(["containerPort", "protocol"], BuiltInMergeKeys.ForApply("apps", "Deployment", "spec.template.spec.containers.ports").Keys);
        Assert.Equal(["containerPort"], BuiltInMergeKeys.ForStrategicMerge("apps", "Deployment", "spec.template.spec.containers.ports")!.Keys);
        Assert.Equal(["port", "protocol"], BuiltInMergeKeys.ForApply("", "Service", "spec.ports").Keys);
        Assert.Equal(["port"], BuiltInMergeKeys.ForStrategicMerge("", "Service", "spec.ports")!.Keys);
        Assert.Equal(["name"], BuiltInMergeKeys.ForApply("batch", "CronJob", "spec.jobTemplate.spec.template.spec.initContainers").Keys);
        Assert.Equal(["mountPath"], BuiltInMergeKeys.ForStrategicMerge("", "Pod", "spec.containers.volumeMounts")!.Keys);
        Assert.Equal(["type"], BuiltInMergeKeys.ForApply("apps", "Deployment", "status.conditions").Keys);
        Assert.Equal(ListType.Atomic, BuiltInMergeKeys.ForApply("apps", "Deployment", "spec.template.spec.tolerations").Type);
        Assert.Equal(ListType.Atomic, BuiltInMergeKeys.ForStrategicMerge("apps", "Deployment", "spec.template.spec.containers.args")!.Type);
        Assert.Null(BuiltInMergeKeys.ForStrategicMerge("apps", "Deployment", "spec.template.spec.readinessGates"));
        Assert.Equal(ListType.Set, BuiltInMergeKeys.ForStrategicMerge("example.com", "Widget", "metadata.finalizers")!.Type);
    }
}
