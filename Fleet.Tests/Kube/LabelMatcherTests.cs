using System.Text.Json.Nodes;
using Fleet.Actors.Kube.Labels;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox.Selectors;

namespace Fleet.Tests.Kube;

/// <summary>The API object's selector (matchLabels, matchExpressions) evaluated by the same matcher as the query string.</summary>
public class LabelMatcherTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("app", "In", "api,web", "app in (api,web)", true)]
    [InlineData("app", "In", "api", "app in (api)", false)]
    [InlineData("app", "NotIn", "web", "app notin (web)", false)]
    [InlineData("missing", "NotIn", "x", "missing notin (x)", true)]
    [InlineData("tier", "Exists", "", "tier", true)]
    [InlineData("missing", "Exists", "", "missing", false)]
    [InlineData("tier", "DoesNotExist", "", "!tier", false)]
    [InlineData("missing", "DoesNotExist", "", "!missing", true)]
    public void AnExpressionMatchesAsItsQueryStringDoes(string key, string op, string values, string query, bool matches)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values.Length == 0 ? null : values.Split(',') }],
        };

        Assert.Equal(matches, LabelMatcher.From(selector).Matches(Labels));
        Assert.Equal(matches, LabelSelectorSyntax.Parse(query).Matches(Labels));
    }

    [Fact]
    public void MatchLabelsAndExpressionsMustAllHold()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["front", "back"] }],
        };
        var other = selector with { MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" } };

        Assert.True(LabelMatcher.From(selector).Matches(Labels));
        Assert.False(LabelMatcher.From(other).Matches(Labels));
    }

    [Fact]
    public void AnEmptySelectorSelectsEverything()
    {
        var matcher = LabelMatcher.From(new LabelSelector());

        Assert.True(matcher.IsEverything);
        Assert.True(matcher.Matches(new JsonObject { ["metadata"] = new JsonObject() }));
    }

    [Fact]
    public void AnObjectsLabelsAreReadFromItsMetadata()
    {
        var obj = JsonNode.Parse("""{"metadata":{"labels":{"app":"web","n":5}}}""")!.AsObject();
        var matcher = LabelMatcher.From(new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } });

        Assert.True(matcher.Matches(obj));
        Assert.Equal(["app"], LabelMatcher.Labels(obj).Keys);
    }

    [Fact]
    public void AnUnknownOperatorIsRejectedWithApimachinerysWording()
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "Gt", Values = ["1"] }] };

        var error = Assert.Throws<ArgumentException>(() => LabelMatcher.From(selector));

        Assert.StartsWith("\"Gt\" is not a valid label selector operator", error.Message, StringComparison.Ordinal);
    }
}
