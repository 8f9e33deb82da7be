using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Fleet.Actors.Kube;

/// <summary>
/// Converts between YAML text and System.Text.Json nodes the way Kubernetes tooling reads YAML:
/// plain scalars resolve with YAML 1.1 rules (as sigs.k8s.io/yaml does), quoted scalars stay strings.
/// </summary>
public static class YamlJson
{
    /// <summary>Parses every document of a YAML stream; empty documents are skipped.</summary>
    public static IReadOnlyList<JsonNode?> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain })
            .Select(d => ToJson(d.RootNode))
            .ToList();
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
        if (TryParseInteger(text, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (LooksLikeFloat(text) && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }

    private static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var span = text.Replace("_", "").AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        if (span.Length == 0)
        {
            return false;
        }
        bool parsed;
        if (span.StartsWith("0x"))
        {
            parsed = long.TryParse(span[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (span.StartsWith("0b"))
        {
            parsed = long.TryParse(span[2..], NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (span.StartsWith("0o"))
        {
            parsed = TryParseOctal(span[2..], out value);
        }
        else if (span.Length > 1 && span[0] == '0')
        {
            parsed = TryParseOctal(span[1..], out value);
        }
        else
        {
            parsed = span.IndexOfAnyExceptInRange('0', '9') < 0
                && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        if (parsed && negative)
        {
            value = -value;
        }
        return parsed;
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.Length == 0 || digits.Length > 21)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }
            value = value * 8 + (c - '0');
        }
        return true;
    }

    private static bool LooksLikeFloat(string text)
    {
        var hasDigit = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                hasDigit = true;
            }
            else if (c is not ('.' or 'e' or 'E' or '+' or '-' or '_'))
            {
                return false;
            }
        }
        return hasDigit && text.Contains('.', StringComparison.Ordinal) | text.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

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

    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        var element = value.GetValue<JsonElement>();
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                EmitString(emitter, element.GetString() ?? "");
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, element.GetRawText(), ScalarStyle.Plain, true, false));
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
}
