using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Semantics;

namespace Fleet.Tests.Sandbox;

public class SchemaValidatorTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{"spec":{"type":"object","required":["name"],"properties":{
          "name":{"type":"string","maxLength":5,"pattern":"^[a-z]+$"},
          "count":{"type":"integer","minimum":1,"maximum":3,"default":1},
          "tags":{"type":"array","maxItems":1,"items":{"type":"string"}},
          "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
          "labels":{"type":"object","additionalProperties":{"type":"string"}}}}}}
        """)!.AsObject();

    private static (IReadOnlyList<string> Errors, JsonObject Object) Process(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var errors = SchemaValidator.Process(Schema, obj);
        return ([.. errors.Select(e => $"{e.Field}: {e.Message}")], obj);
    }

    [Fact]
    public void DefaultsAndPrunesButKeepsPreservedAndAdditionalProperties()
    {
        var (errors, obj) = Process("""{"apiVersion":"x/v1","kind":"K","metadata":{"name":"n"},"spec":{"name":"ab","extra":1,"free":{"any":{"thing":1}},"labels":{"a":"b"}},"other":1}""");
        Assert.Empty(errors);
        Assert.Equal(1, obj["spec"]!["count"]!.GetValue<int>());
        Assert.Null(obj["spec"]!["extra"]);
        Assert.Null(obj["other"]);
        Assert.Equal(1, obj["spec"]!["free"]!["any"]!["thing"]!.GetValue<int>());
        Assert.Equal("b", obj["spec"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Equal("n", obj["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ReportsErrorsInTheServersWords()
    {
        var (errors, _) = Process("""{"spec":{"name":"TOOLONG","count":7,"tags":["a","b"],"labels":{"a":1}}}""");
        Assert.Equal(
        [
            "spec.name: Too long: may not be more than 5 bytes",
            "spec.name: Invalid value: \"TOOLONG\": spec.name in body should match '^[a-z]+$'",
            "spec.count: Invalid value: 7: spec.count in body should be less than or equal to 3",
            "spec.tags: Too many: 2: must have at most 1 items",
            "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\"",
        ], errors);
        Assert.Equal(["spec.name: Required value"], Process("""{"spec":{}}""").Errors);
    }
}
