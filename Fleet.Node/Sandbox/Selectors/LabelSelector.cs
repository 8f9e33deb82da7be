using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Selectors;

/// <summary>A parsed <c>labelSelector</c> query: comma-separated requirements, all of which must hold.
/// Operators: <c>=</c>, <c>==</c>, <c>!=</c> (a missing key matches), <c>in (..)</c>, <c>notin (..)</c>,
/// <c>k</c>, <c>!k</c>, <c>k&gt;n</c>, <c>k&lt;n</c>.</summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Parses a selector; throws 400 BadRequest with the server's wording on a syntax error.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public bool Matches(JsonObject obj) => IsEverything || Matches(Labels(obj));

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

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Invalid(whole);
        }

        if (part.StartsWith('!'))
        {
            var key = Key(part[1..].Trim(), whole);
            return labels => !labels.ContainsKey(key);
        }

        var setMatch = FindWord(part, " notin ") is var n and >= 0 ? (n, false, " notin ".Length)
            : FindWord(part, " in ") is var i and >= 0 ? (i, true, " in ".Length)
            : (-1, false, 0);
        if (setMatch.Item1 >= 0)
        {
            var key = Key(part[..setMatch.Item1].Trim(), whole);
            var rest = part[(setMatch.Item1 + setMatch.Item3)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw Invalid(whole);
            }

            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return setMatch.Item2
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=", ">", "<" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var key = Key(part[..at].Trim(), whole);
            var value = part[(at + op.Length)..].Trim();
            switch (op)
            {
                case "!=":
                    return labels => !labels.TryGetValue(key, out var v) || v != value;
                case "==" or "=":
                    return labels => labels.TryGetValue(key, out var v) && v == value;
                default:
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound))
                    {
                        throw ApiStatus.BadRequest($"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
                    }

                    return op == ">"
                        ? labels => labels.TryGetValue(key, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var x) && x > bound
                        : labels => labels.TryGetValue(key, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var x) && x < bound;
            }
        }

        var exists = Key(part, whole);
        return labels => labels.ContainsKey(exists);
    }

    private static int FindWord(string part, string word) => part.IndexOf(word, StringComparison.Ordinal);

    private static string Key(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '!' or '=' or ','))
        {
            throw Invalid(whole);
        }

        return key;
    }

    private static ApiException Invalid(string whole) =>
        ApiStatus.BadRequest($"unable to parse requirement: found '{whole}', expected: identifier");
}
