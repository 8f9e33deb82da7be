using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Fleet.Actors.Kube;

/// <summary>
/// Converts between YAML text and System.Text.Json nodes the way Kubernetes tooling reads YAML:
/// plain scalars resolve with YAML 1.1 rules (as sigs.k8s.io/yaml does), quoted scalars stay strings.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Parses every document of a YAML stream; empty documents are skipped.</summary>
    public static IReadOnlyList<JsonNode?> ParseDocuments(string yaml)
    {
        return Load(yaml).Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain })
            .Select(d => ToJson(d.RootNode))
            .ToList();
    }

    /// <summary>
    /// Loads a YAML stream; any malformed input is a <see cref="FormatException"/> with its position. YamlDotNet's scanner
    /// throws InvalidOperationException or ArgumentException instead of a YamlException for some malformed input, whose
    /// texts say nothing about YAML: those report where parsing stopped.
    /// </summary>
    internal static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new FormatException($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"invalid YAML after line {parser.Line}, column {parser.Column}: the document is malformed", e);
        }
        return stream;
    }

    /// <summary>Parses a single YAML (or JSON) document; more than one document is an error.</summary>
    public static JsonNode? ParseSingle(string yaml)
    {
        var documents = ParseDocuments(yaml);
        return documents.Count switch
        {
            0 => null,
            1 => documents[0],
            _ => throw new FormatException($"expected one YAML document, found {documents.Count}"),
        };
    }

    /// <summary>Writes a JSON node as block-style YAML; strings that would read back as another type are quoted.</summary>
    public static string Serialize(JsonNode? node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => ToObject(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new FormatException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ToObject(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new FormatException($"only scalar mapping keys are supported (line {key.Start.Line})");
            }
            if (name == "<<")
            {
                throw new FormatException("YAML merge keys are not supported");
            }
            if (result.ContainsKey(name))
            {
                throw new FormatException($"duplicate key \"{name}\" at line {key.Start.Line}");
            }
            result[name] = ToJson(value);
        }
        return result;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        if (!scalar.Tag.IsEmpty)
        {
            return ResolveTagged(scalar.Tag.Value, text);
        }
        return ResolvePlain(text);
    }

    private static JsonNode? ResolveTagged(string tag, string text) => tag switch
    {
        "tag:yaml.org,2002:str" => JsonValue.Create(text),
        "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null" => ResolvePlain(text),
        _ => JsonValue.Create(text),
    };

    /// <summary>YAML 1.1 resolution as used by Kubernetes (go-yaml v2): null, booleans including yes/no/on/off, ints, floats.</summary>
    internal static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                // JSON has no representation for these; Kubernetes objects never carry them.
                return JsonValue.Create(text);
        }
        // Only a scalar that starts like a number can be one; go-yaml drops underscores after that first look.
        if (!(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
        {
            return JsonValue.Create(text);
        }
        var plain = text[0] == '.' ? text : text.Replace("_", "");
        if (TryParseInteger(plain, out var integer))
        {
            return integer;
        }
        if (YamlStyleFloat().IsMatch(plain)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }

    /// <summary>An integer as Go's strconv.ParseInt(text, 0, 64) reads it (0x, 0o, 0b, a leading 0 for octal), else as ParseUint.</summary>
    private static bool TryParseInteger(string text, [NotNullWhen(true)] out JsonValue? value)
    {
        value = null;
        var span = text.AsSpan();
        var sign = span[0] is '-' or '+' ? span[0] : default;
        if (sign != default)
        {
            span = span[1..];
        }
        var radix = 10;
        if (span.Length > 2 && span[0] == '0' && char.ToLowerInvariant(span[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(span[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            span = span[2..];
        }
        else if (span.Length > 1 && span[0] == '0')
        {
            radix = 8;
            span = span[1..];
        }
        if (!TryParseMagnitude(span, radix, out var magnitude))
        {
            return false;
        }
        if (sign == '-')
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = JsonValue.Create(magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude);
        }
        else if (magnitude <= long.MaxValue)
        {
            value = JsonValue.Create((long)magnitude);
        }
        else if (sign == default)
        {
            value = JsonValue.Create(magnitude);
        }
        return value is not null;
    }

    private static bool TryParseMagnitude(ReadOnlySpan<char> digits, int radix, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => radix,
            };
            if (digit >= radix || value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }
            value = value * (ulong)radix + (ulong)digit;
        }
        return true;
    }

    /// <summary>go-yaml v2's float syntax; a plain scalar that matches it and fits a double is a float.</summary>
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                EmitValue(emitter, value);
                break;
        }
    }

    // A value parsed from text wraps a JsonElement, one built in code (JsonValue.Create(3L)) wraps the CLR
    // value; kind and JSON text read both.
    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                EmitString(emitter, value.Deserialize<string>() ?? "");
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            style = ScalarStyle.Literal;
        }
        else if (ResolvePlain(text) is not JsonValue resolved || resolved.GetValueKind() != JsonValueKind.String)
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            style = ScalarStyle.Any;
        }
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    /// <summary>Compact JSON text of a node, for logs and comparisons.</summary>
    public static string ToCompactJson(JsonNode? node) =>
        node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";

    /// <summary>Remembers where the last event parsed ended, for errors that carry no position.</summary>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        public long Line { get; private set; } = 1;

        public long Column { get; private set; } = 1;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                (Line, Column) = (current.End.Line, current.End.Column);
            }
            return moved;
        }
    }
}
