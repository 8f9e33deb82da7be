using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kube.Labels;

/// <summary>
/// A label selector ready to evaluate: requirements that must all hold. Both forms map to it: the API object
/// (<see cref="LabelSelector"/>'s matchLabels and matchExpressions, via <see cref="From"/>) and the
/// <c>labelSelector</c> query string (parsed by the sandbox API server).
/// </summary>
public sealed class LabelMatcher(IReadOnlyList<LabelRequirement> requirements)
{
    public static LabelMatcher Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; } = requirements;

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>apimachinery's LabelSelectorAsSelector: matchLabels are equalities, matchExpressions keep their operator.</summary>
    /// <exception cref="ArgumentException">An operator other than In, NotIn, Exists and DoesNotExist.</exception>
    public static LabelMatcher From(LabelSelector selector)
    {
        var requirements = (selector.MatchLabels ?? new Dictionary<string, string>())
            .Select(label => new LabelRequirement(label.Key, LabelOperator.Equals, [label.Value]))
            .Concat((selector.MatchExpressions ?? []).Select(expression => new LabelRequirement(
                expression.Key,
                expression.Operator switch
                {
                    "In" => LabelOperator.In,
                    "NotIn" => LabelOperator.NotIn,
                    "Exists" => LabelOperator.Exists,
                    "DoesNotExist" => LabelOperator.DoesNotExist,
                    _ => throw new ArgumentException($"\"{expression.Operator}\" is not a valid label selector operator", nameof(selector)),
                },
                expression.Values ?? [])));
        return new LabelMatcher([.. requirements]);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    public bool Matches(JsonObject obj) => IsEverything || Matches(Labels(obj));

    /// <summary><c>metadata.labels</c>; values that are not strings are left out.</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    labels[key] = s;
                }
            }
        }

        return labels;
    }
}
