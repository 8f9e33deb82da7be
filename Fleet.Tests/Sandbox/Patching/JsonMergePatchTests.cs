using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class JsonMergePatchTests
{
    private static string Patch(string target, string patch) =>
        JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void FollowsTheRfc7386Examples(string target, string patch, string expected) =>
        Assert.Equal(expected, Patch(target, patch));

    [Fact]
    public void KeepsIntegersIntegral()
    {
        Assert.Equal("""{"spec":{"replicas":3,"x":9007199254740993}}""", Patch("""{"spec":{"replicas":1}}""", """{"spec":{"replicas":3,"x":9007199254740993}}"""));
    }

    [Fact]
    public void DoesNotMutateItsInputs()
    {
        var target = JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}}}""")!;
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"a":null,"b":"2"}}}""")!;
        var result = JsonMergePatch.Apply(target, patch)!;
        Assert.Equal("""{"metadata":{"labels":{"b":"2"}}}""", result.ToJsonString());
        Assert.Equal("""{"metadata":{"labels":{"a":"1"}}}""", target.ToJsonString());
        Assert.Equal("""{"metadata":{"labels":{"a":null,"b":"2"}}}""", patch.ToJsonString());
    }
}
