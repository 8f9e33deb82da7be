using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class StrategicMergePatchTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web","tier":"front"},"finalizers":["a","b"]},
         "spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
          "template":{"spec":{"tolerations":[{"key":"k1"}],"containers":[
            {"name":"app","image":"app:1","args":["--a"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
            {"name":"sidecar","image":"proxy:1"}]}}}}
        """;

    private static JsonNode Patch(string patch, string target = Deployment, string group = "apps", string kind = "Deployment") =>
        StrategicMergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!, group, kind);

    private static string Containers(JsonNode result) => result["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString();

    [Fact]
    public void MergesContainersByNameKeepingTheOthers()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2","env":[{"name":"B","value":"3"}]}]}}}}""");
        Assert.Equal(
            """[{"name":"app","image":"app:2","args":["--a"],"env":[{"name":"A","value":"1"},{"name":"B","value":"3"}],"ports":[{"containerPort":80}]},{"name":"sidecar","image":"proxy:1"}]""",
            Containers(result));
    }

    [Fact]
    public void NewItemsComeFirstUnlessSetElementOrderSaysOtherwise()
    {
        Assert.Equal(
            """["new","app","sidecar"]""",
            new JsonArray(Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"new","image":"n"}]}}}}""")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (JsonNode?)c!["name"]!.DeepClone()).ToArray()).ToJsonString());

        var ordered = Patch("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"},{"name":"new"}],"containers":[{"name":"new","image":"n"}]}}}}""");
        Assert.Equal("""[{"name":"app","image":"app:1","args":["--a"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},{"name":"sidecar","image":"proxy:1"},{"name":"new","image":"n"}]""", Containers(ordered));

        var reordered = Patch("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}]}}}}""");
        Assert.Equal("""["sidecar","app"]""", new JsonArray(reordered["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (JsonNode?)c!["name"]!.DeepClone()).ToArray()).ToJsonString());
    }

    [Fact]
    public void AnElementOrderForAListThatIsReplacedChangesNothing()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"$setElementOrder/tolerations":[{"key":"k1"}],"containers":[{"name":"app","$setElementOrder/args":["--a"]}]}}}}""");
        Assert.Equal(JsonNode.Parse(Deployment)!.ToJsonString(), result.ToJsonString());
    }

    [Fact]
    public void DeleteDirectiveRemovesAKeyedItem()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""");
        Assert.Equal("""["app"]""", new JsonArray(result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (JsonNode?)c!["name"]!.DeepClone()).ToArray()).ToJsonString());
    }

    [Fact]
    public void ReplaceDirectiveOnAListReplacesIt()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"o"},{"$patch":"replace"}]}}}}""");
        Assert.Equal("""[{"name":"only","image":"o"}]""", Containers(result));
    }

    [Fact]
    public void ReplaceDirectiveOnAMapReplacesIt()
    {
        var result = Patch("""{"metadata":{"labels":{"$patch":"replace","only":"x"}}}""");
        Assert.Equal("""{"only":"x"}""", result["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void NullDeletesAndUnkeyedListsAreReplaced()
    {
        var result = Patch("""{"metadata":{"labels":{"tier":null}},"spec":{"template":{"spec":{"tolerations":[{"key":"k2"}],"containers":[{"name":"app","args":["--b"]}]}}}}""");
        Assert.Equal("""{"app":"web"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("""[{"key":"k2"}]""", result["spec"]!["template"]!["spec"]!["tolerations"]!.ToJsonString());
        Assert.Equal("""["--b"]""", result["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.ToJsonString());
    }

    [Fact]
    public void ContainerPortsMergeByContainerPort()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}}}""");
        Assert.Equal("""[{"containerPort":80,"name":"http"},{"containerPort":443}]""", result["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void RetainKeysDropsTheOtherKeys()
    {
        var result = Patch("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");
        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void FinalizersMergeAsASetAndCanBeDeleted()
    {
        Assert.Equal("""["c","a","b"]""", Patch("""{"metadata":{"finalizers":["c","a"]}}""")["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""["b"]""", Patch("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""")["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void ServicePortsMergeByPort()
    {
        const string service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""";
        var result = Patch("""{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""", service, string.Empty, "Service");
        Assert.Equal("""[{"port":80,"targetPort":9090},{"port":443}]""", result["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void NewFieldsLoseTheirDirectivesAndNulls()
    {
        var result = Patch("""{"spec":{"paused":true,"selector":{"matchLabels":{"app":"web","gone":null}}}}""");
        Assert.Equal("""{"matchLabels":{"app":"web"}}""", result["spec"]!["selector"]!.ToJsonString());
        Assert.True(result["spec"]!["paused"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", "map: map[image:x] does not contain declared merge key: name")]
    [InlineData("""{"metadata":{"labels":{"$patch":"frob"}}}""", "unknown patch type: frob in map: map[$patch:frob]")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"app","$patch":"merge"}]}}}}""", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type"}}}""", "invalid patch format of retainKeys")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""", "invalid patch format of primitive list")]
    [InlineData("""["not","a","map"]""", "invalid JSON document")]
    public void RejectsMalformedPatches(string patch, string message)
    {
        var ex = Assert.Throws<PatchException>(() => Patch(patch));
        Assert.Equal(400, ex.Code);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void DoesNotMutateItsInputs()
    {
        var target = JsonNode.Parse(Deployment)!;
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"tier":null}},"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""")!;
        StrategicMergePatch.Apply(target, patch, "apps", "Deployment");
        Assert.Equal(JsonNode.Parse(Deployment)!.ToJsonString(), target.ToJsonString());
        Assert.Contains("$patch", patch.ToJsonString(), StringComparison.Ordinal);
    }
}
