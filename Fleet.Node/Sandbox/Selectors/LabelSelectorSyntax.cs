using System.Globalization;
using Fleet.Actors.Kube.Labels;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Selectors;

/// <summary>The <c>labelSelector</c> query string: comma-separated requirements, all of which must hold.
/// Operators: <c>=</c>, <c>==</c>, <c>!=</c> (a missing key matches), <c>in (..)</c>, <c>notin (..)</c>,
/// <c>k</c>, <c>!k</c>, <c>k&gt;n</c>, <c>k&lt;n</c>. Parsed into the same <see cref="LabelMatcher"/> an API
/// object's selector maps to.</summary>
public static class LabelSelectorSyntax
{
    /// <summary>Parses a selector; throws 400 BadRequest with the server's wording on a syntax error.</summary>
    public static LabelMatcher Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LabelMatcher.Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelMatcher(requirements);
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

    private static LabelRequirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Invalid(whole);
        }

        if (part.StartsWith('!'))
        {
            return new LabelRequirement(Key(part[1..].Trim(), whole), LabelOperator.DoesNotExist, []);
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

            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToList();
            return new LabelRequirement(key, setMatch.Item2 ? LabelOperator.In : LabelOperator.NotIn, values);
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
                    return new LabelRequirement(key, LabelOperator.NotEquals, [value]);
                case "==" or "=":
                    return new LabelRequirement(key, LabelOperator.Equals, [value]);
                default:
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    {
                        throw ApiStatus.BadRequest($"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
                    }

                    return new LabelRequirement(key, op == ">" ? LabelOperator.GreaterThan : LabelOperator.LessThan, [value]);
            }
        }

        return new LabelRequirement(Key(part, whole), LabelOperator.Exists, []);
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
