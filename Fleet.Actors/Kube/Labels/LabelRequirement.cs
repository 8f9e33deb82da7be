using System.Globalization;

namespace Fleet.Actors.Kube.Labels;

/// <summary>
/// One requirement on an object's labels, with apimachinery's semantics: the negative operators (NotEquals, NotIn,
/// DoesNotExist) hold for a missing key, the others need it; GreaterThan and LessThan compare integers.
/// </summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals => present && value == Values[0],
            LabelOperator.NotEquals => !present || value != Values[0],
            LabelOperator.In => present && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotIn => !present || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            LabelOperator.GreaterThan => present && Integer(value) > Integer(Values[0]),
            LabelOperator.LessThan => present && Integer(value) < Integer(Values[0]),
            _ => false,
        };
    }

    // A label that is not an integer satisfies neither comparison; null compares false either way.
    private static long? Integer(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
