using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Tables;

namespace Fleet.Tests.Sandbox.Tables;

/// <summary>The JSONPath of printer columns and kubectl: fields, filters, indexes, wildcards, recursive descent.</summary>
public sealed class KubectlJsonPathTests
{
    private static readonly JsonNode Object = JsonNode.Parse("""
        {"metadata":{"name":"app","labels":{"app.kubernetes.io/name":"web"}},
         "spec":{"replicas":3,"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"busybox"}]},
         "status":{"conditions":[
           {"type":"Reconciling","status":"False","message":"done"},
           {"type":"Ready","status":"True","message":"Applied revision: main@sha1:1234"}],
           "history":[{"chartVersion":"1.2.3"}]}}
        """)!;

    [Theory]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData(".status.conditions[?(@.type=='Ready')].message", "Applied revision: main@sha1:1234")]
    [InlineData("{.status.conditions[?(@.type!=\"Ready\")].type}", "Reconciling")]
    [InlineData(".status.history[0].chartVersion", "1.2.3")]
    [InlineData(".spec.containers[-1].image", "busybox")]
    [InlineData(".spec.containers[*].name", "a")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "web")]
    [InlineData("..image", "nginx")]
    [InlineData(".spec.replicas", "3")]
    [InlineData(".spec.containers[?(@.image)].name", "a")]
    public void FindsTheFirstMatch(string path, string expected) =>
        Assert.Equal(expected, KubectlJsonPath.Text(KubectlJsonPath.Parse(path).First(Object)));

    [Theory]
    [InlineData(".status.conditions[?(@.type==\"Stalled\")].status")]
    [InlineData(".status.missing.field")]
    [InlineData(".spec.containers[5].name")]
    public void AMissingValueIsNoMatch(string path) => Assert.Empty(KubectlJsonPath.Parse(path).Evaluate(Object));

    [Fact]
    public void AllMatchesComeInDocumentOrder() =>
        Assert.Equal(["nginx", "busybox"], KubectlJsonPath.Parse(".spec.containers[*].image").Evaluate(Object).Select(KubectlJsonPath.Text));

    [Theory]
    [InlineData(".status.conditions[?(@.type==Ready)]")]
    [InlineData(".spec.containers[x]")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")")]
    public void AnInvalidPathIsRefused(string path) => Assert.Throws<FormatException>(() => KubectlJsonPath.Parse(path));
}
