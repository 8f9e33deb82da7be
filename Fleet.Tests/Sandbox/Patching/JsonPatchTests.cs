using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class JsonPatchTests
{
    private const string Doc = """{"metadata":{"name":"x","labels":{"a":"1","app/name":"n"},"managedFields":[{"manager":"m"}]},"spec":{"list":[1,2,3]}}""";

    private static string Patch(string doc, string ops) => JsonPatch.Apply(JsonNode.Parse(doc)!, JsonNode.Parse(ops)!).ToJsonString();

    private static PatchException Fails(string doc, string ops) =>
        Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse(doc)!, JsonNode.Parse(ops)!));

    [Theory]
    [InlineData("""[{"op":"add","path":"/metadata/labels/b","value":"2"}]""", """{"name":"x","labels":{"a":"1","app/name":"n","b":"2"},"managedFields":[{"manager":"m"}]}""")]
    [InlineData("""[{"op":"remove","path":"/metadata/labels/app~1name"}]""", """{"name":"x","labels":{"a":"1"},"managedFields":[{"manager":"m"}]}""")]
    [InlineData("""[{"op":"replace","path":"/metadata/managedFields","value":[{}]}]""", """{"name":"x","labels":{"a":"1","app/name":"n"},"managedFields":[{}]}""")]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"x"},{"op":"replace","path":"/metadata/name","value":"y"}]""", """{"name":"y","labels":{"a":"1","app/name":"n"},"managedFields":[{"manager":"m"}]}""")]
    [InlineData("""[{"op":"move","from":"/metadata/labels/a","path":"/metadata/labels/c"}]""", """{"name":"x","labels":{"app/name":"n","c":"1"},"managedFields":[{"manager":"m"}]}""")]
    [InlineData("""[{"op":"copy","from":"/metadata/name","path":"/metadata/labels/n"}]""", """{"name":"x","labels":{"a":"1","app/name":"n","n":"x"},"managedFields":[{"manager":"m"}]}""")]
    public void EditsMetadata(string ops, string expectedMetadata)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(Doc)!, JsonNode.Parse(ops)!);
        Assert.Equal(expectedMetadata, result["metadata"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/spec/list/-","value":4}]""", "[1,2,3,4]")]
    [InlineData("""[{"op":"add","path":"/spec/list/0","value":0}]""", "[0,1,2,3]")]
    [InlineData("""[{"op":"add","path":"/spec/list/3","value":4}]""", "[1,2,3,4]")]
    [InlineData("""[{"op":"add","path":"/spec/list/-1","value":9}]""", "[1,2,3,9]")]
    [InlineData("""[{"op":"remove","path":"/spec/list/1"}]""", "[1,3]")]
    [InlineData("""[{"op":"remove","path":"/spec/list/-1"}]""", "[1,2]")]
    [InlineData("""[{"op":"replace","path":"/spec/list/2","value":{"a":1}}]""", """[1,2,{"a":1}]""")]
    [InlineData("""[{"op":"move","from":"/spec/list/0","path":"/spec/list/-"}]""", "[2,3,1]")]
    [InlineData("""[{"op":"copy","from":"/spec/list/0","path":"/spec/list/0"}]""", "[1,1,2,3]")]
    public void EditsArrays(string ops, string expectedList) =>
        Assert.Equal(expectedList, JsonPatch.Apply(JsonNode.Parse(Doc)!, JsonNode.Parse(ops)!)["spec"]!["list"]!.ToJsonString());

    [Fact]
    public void ReplaceOfAMissingObjectKeySetsItAsTheApiServerDoes() =>
        Assert.Equal("""{"a":1,"b":2}""", Patch("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]"""));

    [Fact]
    public void TestAgainstNullOrMissingPasses() =>
        Assert.Equal("""{"a":null}""", Patch("""{"a":null}""", """[{"op":"test","path":"/a","value":null},{"op":"test","path":"/b","value":null}]"""));

    [Fact]
    public void TestComparesNumbersByValue() =>
        Assert.Equal("""{"a":{"b":[1,"x"]}}""", Patch("""{"a":{"b":[1,"x"]}}""", """[{"op":"test","path":"/a","value":{"b":[1,"x"]}}]"""));

    [Theory]
    [InlineData("""[{"op":"remove","path":"/metadata/labels/x"}]""", "error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value")]
    [InlineData("""[{"op":"remove","path":"/metadata/annotations/x"}]""", "remove operation does not apply: doc is missing path: \"/metadata/annotations/x\": missing value")]
    [InlineData("""[{"op":"add","path":"/status/phase","value":"x"}]""", "add operation does not apply: doc is missing path: \"/status/phase\": missing value")]
    [InlineData("""[{"op":"add","path":"/spec/list/5","value":0}]""", "error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("""[{"op":"remove","path":"/spec/list/3"}]""", "error in remove for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced")]
    [InlineData("""[{"op":"replace","path":"/status/phase","value":"x"}]""", "replace operation does not apply: doc is missing path: /status/phase: missing value")]
    [InlineData("""[{"op":"replace","path":"/spec/list/7","value":"x"}]""", "replace operation does not apply: doc is missing key: /spec/list/7: missing value")]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"y"}]""", "testing value /metadata/name failed: test failed")]
    [InlineData("""[{"op":"move","from":"/nope/a","path":"/b"}]""", "move operation does not apply: doc is missing from path: /nope/a: missing value")]
    [InlineData("""[{"op":"copy","from":"/metadata/name","path":"/nope/a"}]""", "copy operation does not apply: doc is missing destination path: /nope/a: missing value")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""", "Unexpected kind: frobnicate")]
    public void ReportsOperationsThatDoNotApplyLikeTheApiServer(string ops, string cause)
    {
        var ex = Fails(Doc, ops);
        Assert.Equal(422, ex.Code);
        Assert.Equal("Invalid", ex.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", ex.Message);
        Assert.Equal(cause, ex.Cause);
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("""["add"]""", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")]
    public void RejectsMalformedPatchesWith400(string ops, string message)
    {
        var ex = Fails(Doc, ops);
        Assert.Equal(400, ex.Code);
        Assert.Equal("BadRequest", ex.Reason);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void AFailingOperationLeavesTheInputUntouched()
    {
        var doc = JsonNode.Parse(Doc)!;
        Assert.Throws<PatchException>(() => JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"remove","path":"/metadata/name"},{"op":"remove","path":"/x/y"}]""")!));
        Assert.Equal(JsonNode.Parse(Doc)!.ToJsonString(), doc.ToJsonString());
    }
}
