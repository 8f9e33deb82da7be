using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Kustomize;

/// <summary>Substitution on built objects: types re-read after substitution, the opt-out, strictness and strategy.</summary>
public sealed class PostBuildSubstitutionTests
{
    private static JsonObject Deployment(string replicas = "${REPLICAS}", JsonObject? labels = null, JsonObject? annotations = null) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = "app-${ENV:=dev}",
            ["labels"] = labels ?? new JsonObject { ["app"] = "app" },
            ["annotations"] = annotations ?? new JsonObject(),
        },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };

    private static readonly Dictionary<string, string> Replicas = new() { ["REPLICAS"] = "3" };

    [Fact]
    public void A_substituted_number_becomes_a_number_and_defaults_apply()
    {
        var result = PostBuildSubstitution.Apply([Deployment()], Replicas, strict: true, strategy: null).Single();
        Assert.Equal(JsonValueKind.Number, result["spec"]!["replicas"]!.GetValueKind());
        Assert.Equal(3L, (long)result["spec"]!["replicas"]!);
        Assert.Equal("app-dev", (string?)result["metadata"]!["name"]);
    }

    [Fact]
    public void A_missing_variable_under_strict_mode_fails_naming_the_object_and_the_variable()
    {
        var error = Assert.Throws<KustomizeBuildException>(() =>
            PostBuildSubstitution.Apply([Deployment(replicas: "${COUNT}")], Replicas, strict: true, strategy: null));
        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Equal("post build failed for 'apps/v1, Kind=Deployment/app-${ENV:=dev}': envsubst error: variable substitution failed: variable not set (strict mode): \"COUNT\"", error.Message);
    }

    [Fact]
    public void A_missing_variable_without_strict_mode_becomes_empty()
    {
        var result = PostBuildSubstitution.Apply([Deployment(replicas: "x${COUNT}")], Replicas, strict: false, strategy: null).Single();
        Assert.Equal("x", (string?)result["spec"]!["replicas"]);
    }

    [Fact]
    public void Objects_opted_out_by_label_or_annotation_are_untouched()
    {
        var byLabel = Deployment(labels: new JsonObject { [PostBuildSubstitution.OptOutKey] = "disabled" });
        var byAnnotation = Deployment(annotations: new JsonObject { [PostBuildSubstitution.OptOutKey] = "disabled" });
        var result = PostBuildSubstitution.Apply([byLabel, byAnnotation], Replicas, strict: true, strategy: null);
        Assert.All(result, o => Assert.Equal("${REPLICAS}", (string?)o["spec"]!["replicas"]));
    }

    [Fact]
    public void Without_variables_substitution_runs_only_under_the_Always_strategy()
    {
        var untouched = PostBuildSubstitution.Apply([Deployment(replicas: "$${X}")], new Dictionary<string, string>(), strict: true, strategy: "WithVariables").Single();
        Assert.Equal("$${X}", (string?)untouched["spec"]!["replicas"]);
        Assert.Equal("app-${ENV:=dev}", (string?)untouched["metadata"]!["name"]);

        var always = PostBuildSubstitution.Apply([Deployment(replicas: "$${X}")], new Dictionary<string, string>(), strict: true, strategy: "Always").Single();
        Assert.Equal("${X}", (string?)always["spec"]!["replicas"]);
        Assert.Equal("app-dev", (string?)always["metadata"]!["name"]);
    }

    [Fact]
    public void A_variable_name_outside_the_rule_fails()
    {
        var error = Assert.Throws<KustomizeBuildException>(() =>
            PostBuildSubstitution.Apply([Deployment()], new Dictionary<string, string> { ["REPLICAS"] = "1", ["bad-name"] = "x" }, strict: true, strategy: null));
        Assert.Contains("'bad-name' var name is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_breaks_the_YAML_fails_naming_the_object()
    {
        var error = Assert.Throws<KustomizeBuildException>(() =>
            PostBuildSubstitution.Apply([Deployment()], new Dictionary<string, string> { ["REPLICAS"] = "[unclosed" }, strict: true, strategy: null));
        Assert.StartsWith("post build failed for 'apps/v1, Kind=Deployment/", error.Message, StringComparison.Ordinal);
    }
}
