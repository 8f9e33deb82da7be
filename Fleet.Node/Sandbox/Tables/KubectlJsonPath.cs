using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>
/// The JSONPath of kubectl and of CRD <c>additionalPrinterColumns</c> (client-go's <c>util/jsonpath</c>): fields
/// (<c>.a.b</c>, <c>['a.b']</c>), <c>*</c>, recursive descent (<c>..name</c>), indexes and slices
/// (<c>[0]</c>, <c>[-1]</c>, <c>[1:3]</c>) and filters (<c>[?(@.type=="Ready")]</c>, <c>[?(@.x)]</c>, with
/// <c>== != &lt; &gt; &lt;= &gt;=</c>). Evaluation yields every match in document order.
/// </summary>
public sealed class KubectlJsonPath
{
    private readonly IReadOnlyList<Step> _steps;

    private KubectlJsonPath(IReadOnlyList<Step> steps) => _steps = steps;

    /// <summary>Parses a path with or without its surrounding braces; throws <see cref="FormatException"/> when invalid.</summary>
    public static KubectlJsonPath Parse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        var reader = new Reader(text.StartsWith('$') ? text[1..] : text);
        var steps = reader.Steps(stopAt: null);
        if (!reader.AtEnd)
        {
            throw new FormatException($"unexpected '{reader.Rest}' in JSONPath {path}");
        }

        return new KubectlJsonPath(steps);
    }

    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => Apply(_steps, [root]);

    /// <summary>The first match, or null when nothing matches.</summary>
    public JsonNode? First(JsonNode? root) => Evaluate(root) is [var first, ..] ? first : null;

    /// <summary>kubectl's text for a value: strings bare, everything else as JSON.</summary>
    public static string Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";

    private static List<JsonNode?> Apply(IReadOnlyList<Step> steps, List<JsonNode?> current)
    {
        foreach (var step in steps)
        {
            current = [.. current.SelectMany(step.Select)];
        }

        return current;
    }

    private abstract record Step
    {
        public abstract IEnumerable<JsonNode?> Select(JsonNode? node);
    }

    private sealed record Field(string Name) : Step
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node) =>
            node is JsonObject o && o.TryGetPropertyValue(Name, out var child) ? [child] : [];
    }

    private sealed record Wildcard : Step
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node) => node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
    }

    private sealed record Recursive(Step Then) : Step
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            var found = new List<JsonNode?>();
            var pending = new Stack<JsonNode?>();
            pending.Push(node);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                found.AddRange(Then.Select(next));
                var children = next switch
                {
                    JsonObject o => o.Select(p => p.Value).ToList(),
                    JsonArray a => [.. a],
                    _ => [],
                };
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    pending.Push(children[i]);
                }
            }

            return found;
        }
    }

    private sealed record Slice(int? Start, int? End, int Stride, bool Single) : Step
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            if (node is not JsonArray a)
            {
                return [];
            }

            int Resolve(int i) => i < 0 ? Math.Max(0, a.Count + i) : Math.Min(i, a.Count);
            var start = Resolve(Start ?? 0);
            if (Single)
            {
                return start < a.Count && (Start ?? 0) >= -a.Count ? [a[start]] : [];
            }

            var end = Resolve(End ?? a.Count);
            var picked = new List<JsonNode?>();
            for (var i = start; i < end; i += Stride)
            {
                picked.Add(a[i]);
            }

            return picked;
        }
    }

    private sealed record Filter(IReadOnlyList<Step> Left, string? Operator, JsonNode? Right, IReadOnlyList<Step>? RightPath) : Step
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            IEnumerable<JsonNode?> candidates = node switch
            {
                JsonArray a => a,
                JsonObject o => o.Select(p => p.Value),
                _ => [],
            };
            return candidates.Where(Matches);
        }

        private bool Matches(JsonNode? element)
        {
            var left = Apply(Left, [element]);
            if (Operator is null)
            {
                return left.Count > 0 && left[0] is not null;
            }

            if (left.Count == 0)
            {
                return false;
            }

            var right = RightPath is null ? Right : Apply(RightPath, [element]) is [var r, ..] ? r : null;
            var order = Compare(left[0], right);
            return Operator switch
            {
                "==" => order == 0,
                "!=" => order != 0,
                "<" => order < 0,
                ">" => order > 0,
                "<=" => order <= 0,
                ">=" => order >= 0,
                _ => false,
            };
        }

        private static int? Compare(JsonNode? a, JsonNode? b)
        {
            if (a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
            {
                return x.GetValue<double>().CompareTo(y.GetValue<double>());
            }

            return JsonNode.DeepEquals(a, b) ? 0 : string.CompareOrdinal(Text(a), Text(b)) switch { < 0 => -1, 0 => null, _ => 1 };
        }
    }

    /// <summary>A cursor over the path text.</summary>
    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public string Rest => text[_at..];

        public List<Step> Steps(char? stopAt)
        {
            var steps = new List<Step>();
            while (!AtEnd && !(stopAt is char stop && Peek() is var c && (c == stop || c is ' ' or '=' or '!' or '<' or '>')))
            {
                if (TryTake(".."))
                {
                    steps.Add(new Recursive(Peek() == '[' ? Bracket() : Name()));
                }
                else if (TryTake("."))
                {
                    if (AtEnd)
                    {
                        break;
                    }

                    steps.Add(Peek() == '[' ? Bracket() : Name());
                }
                else if (Peek() == '[')
                {
                    steps.Add(Bracket());
                }
                else if (steps.Count == 0 && stopAt is null)
                {
                    // A path may start with a bare field name (".spec" and "spec" are the same).
                    steps.Add(Name());
                }
                else
                {
                    break;
                }
            }

            return steps;
        }

        private Step Name()
        {
            if (TryTake("*"))
            {
                return new Wildcard();
            }

            var start = _at;
            while (!AtEnd && text[_at] is not ('.' or '[' or ']' or '(' or ')' or ' ' or '=' or '!' or '<' or '>' or ','))
            {
                _at++;
            }

            return _at > start ? new Field(text[start.._at]) : throw new FormatException($"expected a field name at '{Rest}'");
        }

        private Step Bracket()
        {
            Expect("[");
            Step step;
            if (TryTake("?("))
            {
                step = FilterExpression();
                Expect(")");
            }
            else if (TryTake("*"))
            {
                step = new Wildcard();
            }
            else if (Peek() is '\'' or '"')
            {
                step = new Field(Quoted());
            }
            else
            {
                step = Range();
            }

            Expect("]");
            return step;
        }

        private Step Range()
        {
            var parts = new List<int?>();
            var start = _at;
            while (!AtEnd && text[_at] != ']')
            {
                _at++;
            }

            foreach (var part in text[start.._at].Split(':'))
            {
                parts.Add(part.Trim() is { Length: > 0 } p
                    ? int.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"invalid array index {p}")
                    : null);
            }

            return parts switch
            {
                [int single] => new Slice(single, null, 1, Single: true),
                [var from, var to] => new Slice(from, to, 1, Single: false),
                [var from, var to, var stride] => new Slice(from, to, stride is > 0 ? stride.Value : 1, Single: false),
                _ => throw new FormatException($"invalid array index {text[start.._at]}"),
            };
        }

        private Filter FilterExpression()
        {
            SkipSpaces();
            Expect("@");
            var left = Steps(stopAt: ')');
            SkipSpaces();
            string? op = null;
            foreach (var candidate in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (TryTake(candidate))
                {
                    op = candidate;
                    break;
                }
            }

            if (op is null)
            {
                return new Filter(left, null, null, null);
            }

            SkipSpaces();
            if (TryTake("@"))
            {
                var path = Steps(stopAt: ')');
                SkipSpaces();
                return new Filter(left, op, null, path);
            }

            JsonNode? right;
            if (Peek() is '\'' or '"')
            {
                right = JsonValue.Create(Quoted());
            }
            else
            {
                var start = _at;
                while (!AtEnd && text[_at] is not (')' or ' '))
                {
                    _at++;
                }

                var literal = text[start.._at];
                right = literal switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "nil" or "null" => null,
                    _ when double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                    _ => throw new FormatException($"unrecognized filter value {literal}"),
                };
            }

            SkipSpaces();
            return new Filter(left, op, right, null);
        }

        private string Quoted()
        {
            var quote = text[_at++];
            var value = new StringBuilder();
            while (!AtEnd && text[_at] != quote)
            {
                if (text[_at] == '\\' && _at + 1 < text.Length)
                {
                    _at++;
                }

                value.Append(text[_at++]);
            }

            Expect(quote.ToString());
            return value.ToString();
        }

        private char Peek() => AtEnd ? '\0' : text[_at];

        private void SkipSpaces()
        {
            while (!AtEnd && text[_at] == ' ')
            {
                _at++;
            }
        }

        private bool TryTake(string token)
        {
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }

            _at += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!TryTake(token))
            {
                throw new FormatException($"expected '{token}' at '{Rest}'");
            }
        }
    }
}
