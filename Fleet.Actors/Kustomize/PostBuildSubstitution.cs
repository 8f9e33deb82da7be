using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize.Substitution;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Flux's postBuild substitution: each built object is written as YAML, its `${…}` expressions are replaced
/// (<see cref="EnvSubst"/>), and the text is read back, so `replicas: ${REPLICAS}` becomes a number and, as in
/// Flux, so does `"${REPLICAS}"` (kustomize's output no longer carries the quotes; `${quote}` variables do).
/// Objects labelled or annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are left as they are.
/// </summary>
public static partial class PostBuildSubstitution
{
    public const string OptOutKey = "kustomize.toolkit.fluxcd.io/substitute";

    public const string Disabled = "disabled";

    public const string StrategyAlways = "Always";

    /// <summary>Flux's default of the StrictPostBuildSubstitutions feature gate: an unset variable without a default fails the build.</summary>
    public const bool StrictByDefault = true;

    private const string VariableNameRule = "^[_[:alpha:]][_[:alpha:][:digit:]]*$";

    /// <summary>Substitution runs when some variable is defined, or always under the `Always` strategy.</summary>
    public static bool Runs(IReadOnlyDictionary<string, string> variables, string? strategy) =>
        variables.Count > 0 || strategy == StrategyAlways;

    public static IReadOnlyList<JsonObject> Apply(IReadOnlyList<JsonObject> objects, IReadOnlyDictionary<string, string> variables, bool strict, string? strategy)
    {
        if (!Runs(variables, strategy))
        {
            return objects;
        }
        return objects.Select(o => IsOptedOut(o) ? o : Substitute(YamlJson.Serialize(o), o, variables, strict)).ToList();
    }

    public static bool IsOptedOut(JsonObject obj) =>
        obj["metadata"] is JsonObject metadata
        && (Value(metadata["labels"]) == Disabled || Value(metadata["annotations"]) == Disabled);

    private static string? Value(JsonNode? map) =>
        map is JsonObject values && values[OptOutKey] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject Substitute(string yaml, JsonObject original, IReadOnlyDictionary<string, string> variables, bool strict)
    {
        var subject = Describe(original);
        if (variables.Keys.FirstOrDefault(name => !VariableName().IsMatch(name)) is { } invalid)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"post build failed for '{subject}': envsubst error: '{invalid}' var name is invalid, must match '{VariableNameRule}'");
        }
        string output;
        try
        {
            output = EnvSubst.Evaluate(yaml, name => variables.TryGetValue(name, out var value) ? (value, true) : ("", !strict));
        }
        catch (EnvSubstException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"post build failed for '{subject}': envsubst error: variable substitution failed: {error.Message}", error);
        }
        try
        {
            return YamlJson.ParseSingle(output) as JsonObject
                ?? throw new FormatException("the substituted text is not an object");
        }
        catch (FormatException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"post build failed for '{subject}': YAMLToJSON: {error.Message}", error);
        }
    }

    /// <summary>The object as Flux names it in errors: `group/version, Kind=Kind/name`.</summary>
    internal static string Describe(JsonObject obj)
    {
        var apiVersion = Text(obj["apiVersion"]);
        var groupVersion = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "/" + apiVersion;
        return $"{groupVersion}, Kind={Text(obj["kind"])}/{Text((obj["metadata"] as JsonObject)?["name"])}";
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
