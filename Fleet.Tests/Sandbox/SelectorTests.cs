using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Selectors;

namespace Fleet.Tests.Sandbox;

public class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["n"] = "5" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web,api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("n>4", true)]
    [InlineData("n<5", false)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app in (web, api),!skip,n>1", true)]
    [InlineData("", true)]
    public void LabelSelectorOperators(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelectorSyntax.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app in web")]
    [InlineData("=web")]
    [InlineData("n>x")]
    public void MalformedLabelSelectorsAreBadRequests(string selector) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => LabelSelectorSyntax.Parse(selector)).Code);

    [Fact]
    public void FieldSelectorsSupportTheKindsFieldsOnly()
    {
        var secret = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"name":"s","namespace":"ns"},"type":"Opaque"}""")!.AsObject();
        Assert.True(FieldSelector.Parse("metadata.name=s,type==Opaque", "Secret").Matches(secret));
        Assert.False(FieldSelector.Parse("metadata.namespace!=ns", "Secret").Matches(secret));
        Assert.Equal("s", FieldSelector.Parse("metadata.name=s", "Secret").PinnedName);
        var unsupported = Assert.Throws<ApiException>(() => FieldSelector.Parse("type=Opaque", "ConfigMap"));
        Assert.Equal((400, "field label not supported: type"), (unsupported.Code, unsupported.Message));
    }
}
