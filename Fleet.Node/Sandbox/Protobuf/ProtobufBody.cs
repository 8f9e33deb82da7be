using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Protobuf;

/// <summary>Decodes the Kubernetes protobuf wire format (<c>k8s\0</c> + runtime.Unknown) into the object's JSON form.</summary>
public static class ProtobufBody
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private const int MaxDepth = 64;

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>The kinds whose bodies can be decoded, by API group, to their schema package.</summary>
    private static readonly FrozenDictionary<string, string> Packages = new Dictionary<string, string>
    {
        [""] = "core",
        ["apps"] = "apps",
        ["batch"] = "batch",
        ["rbac.authorization.k8s.io"] = "rbac",
        ["meta.k8s.io"] = "meta",
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> TopLevelKinds = new[]
    {
        "core.Secret", "core.ConfigMap", "core.Namespace", "core.ServiceAccount", "core.Service", "core.Pod",
        "core.PersistentVolumeClaim", "core.Endpoints", "core.LimitRange", "core.ResourceQuota",
        "apps.Deployment", "apps.StatefulSet", "apps.DaemonSet", "apps.ReplicaSet", "batch.Job", "batch.CronJob",
        "rbac.Role", "rbac.RoleBinding", "rbac.ClusterRole", "rbac.ClusterRoleBinding", "meta.DeleteOptions",
    }.ToFrozenSet();

    /// <summary>Whether a Content-Type header names the Kubernetes protobuf encoding.</summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Decodes a request body; the result carries <c>apiVersion</c> and <c>kind</c> from the envelope.</summary>
    /// <exception cref="FormatException">The body is not a valid Kubernetes protobuf message of a supported kind.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("protobuf: the body does not start with the Kubernetes magic bytes \"k8s\\x00\"");
        }

        string apiVersion = string.Empty, kind = string.Empty, contentEncoding = string.Empty;
        var raw = ReadOnlySpan<byte>.Empty;
        var reader = new ProtoReader(body[Magic.Length..]);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (wireType != 2 || field > 4)
            {
                reader.Skip(wireType);
                continue;
            }

            var value = reader.ReadLengthDelimited();
            switch (field)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(value);
                    break;
                case 2:
                    raw = value;
                    break;
                case 3:
                    contentEncoding = Encoding.UTF8.GetString(value);
                    break;
            }
        }

        if (contentEncoding.Length > 0)
        {
            throw new FormatException($"protobuf: content encoding \"{contentEncoding}\" is not supported");
        }

        var message = MessageFor(apiVersion, kind)
            ?? throw new FormatException($"protobuf: decoding {kind} of {(apiVersion.Length == 0 ? "an unknown apiVersion" : apiVersion)} is not supported; send JSON");
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        DecodeMessage(raw, ProtoSchema.Find(message)!, result, 0);
        return result;
    }

    private static string? MessageFor(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        if (kind == "DeleteOptions")
        {
            return "meta.DeleteOptions";
        }

        return Packages.TryGetValue(group, out var package) && TopLevelKinds.Contains(package + "." + kind) ? package + "." + kind : null;
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        string apiVersion = string.Empty, kind = string.Empty;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (wireType == 2 && field is 1 or 2)
            {
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                if (field == 1)
                {
                    apiVersion = text;
                }
                else
                {
                    kind = text;
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (apiVersion, kind);
    }

    private static void DecodeMessage(ReadOnlySpan<byte> data, FrozenDictionary<int, ProtoField> fields, JsonObject target, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"protobuf: messages nested deeper than {MaxDepth} levels");
        }

        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!fields.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }

            if (field.IsMap)
            {
                ExpectWireType(field, wireType, 2);
                var map = target[field.Name] as JsonObject ?? new JsonObject();
                target[field.Name] = map;
                var (key, value) = ReadMapEntry(reader.ReadLengthDelimited(), field, depth);
                map[key] = value;
            }
            else if (field.Repeated)
            {
                var list = target[field.Name] as JsonArray ?? new JsonArray();
                target[field.Name] = list;
                if (wireType == 2 && IsVarintType(field.Type))
                {
                    var packed = new ProtoReader(reader.ReadLengthDelimited());
                    while (!packed.AtEnd)
                    {
                        list.Add(VarintValue(field.Type, packed.ReadVarint()));
                    }
                }
                else
                {
                    list.Add(ReadValue(ref reader, field, wireType, depth));
                }
            }
            else
            {
                var value = ReadValue(ref reader, field, wireType, depth);
                if (value is not null || field.KeepZero)
                {
                    target[field.Name] = value;
                }
                else
                {
                    target.Remove(field.Name);
                }
            }
        }
    }

    private static (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> entry, ProtoField field, int depth)
    {
        var key = string.Empty;
        JsonNode? value = EmptyValue(field);
        var reader = new ProtoReader(entry);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == 2)
            {
                key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else if (number == 2)
            {
                value = ReadValue(ref reader, field with { KeepZero = true }, wireType, depth);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (key, value);
    }

    private static JsonNode? EmptyValue(ProtoField field) => field.Type switch
    {
        ProtoFieldType.String or ProtoFieldType.Bytes or ProtoFieldType.Quantity => JsonValue.Create(string.Empty),
        ProtoFieldType.Message => new JsonObject(),
        _ => null,
    };

    /// <summary>Reads one value; null means the zero value, which JSON omits unless the field keeps zeros.</summary>
    private static JsonNode? ReadValue(ref ProtoReader reader, ProtoField field, int wireType, int depth)
    {
        switch (field.Type)
        {
            case ProtoFieldType.Int32:
            case ProtoFieldType.Int64:
            case ProtoFieldType.Bool:
                ExpectWireType(field, wireType, 0);
                var number = reader.ReadVarint();
                return number == 0 && !field.KeepZero && !field.Repeated ? null : VarintValue(field.Type, number);
        }

        ExpectWireType(field, wireType, 2);
        var data = reader.ReadLengthDelimited();
        switch (field.Type)
        {
            case ProtoFieldType.String:
                return data.IsEmpty && !field.KeepZero && !field.Repeated ? null : JsonValue.Create(Encoding.UTF8.GetString(data));
            case ProtoFieldType.Bytes:
                return data.IsEmpty && !field.KeepZero && !field.Repeated ? null : JsonValue.Create(Convert.ToBase64String(data));
            case ProtoFieldType.Message:
                var obj = new JsonObject();
                DecodeMessage(data, ProtoSchema.Find(field.MessageName!) ?? throw new FormatException($"protobuf: no schema for {field.MessageName}"), obj, depth + 1);
                return obj;
            case ProtoFieldType.Time:
            case ProtoFieldType.MicroTime:
                return ReadTime(data, field.Type == ProtoFieldType.MicroTime);
            case ProtoFieldType.IntOrString:
                return ReadIntOrString(data);
            case ProtoFieldType.Quantity:
                return JsonValue.Create(ReadFirstString(data));
            default:
                return ReadEmbeddedJson(data);
        }
    }

    private static bool IsVarintType(ProtoFieldType type) => type is ProtoFieldType.Int32 or ProtoFieldType.Int64 or ProtoFieldType.Bool;

    private static JsonNode VarintValue(ProtoFieldType type, ulong value) => type switch
    {
        ProtoFieldType.Int32 => JsonValue.Create((long)(int)value),
        ProtoFieldType.Int64 => JsonValue.Create((long)value),
        _ => JsonValue.Create(value != 0),
    };

    private static void ExpectWireType(ProtoField field, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new FormatException($"protobuf: field \"{field.Name}\" has wire type {actual}, expected {expected}");
        }
    }

    private static JsonNode? ReadTime(ReadOnlySpan<byte> data, bool micro)
    {
        long seconds = 0, nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (wireType == 0 && number is 1 or 2)
            {
                var value = (long)reader.ReadVarint();
                if (number == 1)
                {
                    seconds = value;
                }
                else
                {
                    nanos = (int)value;
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (seconds == 0 && nanos == 0)
        {
            return null;
        }

        if (seconds < -62135596800 || seconds > 253402300799 || nanos is < 0 or > 999_999_999)
        {
            throw new FormatException($"protobuf: time stamp {seconds}s {nanos}ns is out of range");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        var format = micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        return JsonValue.Create(time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }

    private static JsonNode? ReadIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0, intValue = 0;
        var stringValue = string.Empty;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number, wireType)
            {
                case (1, 0):
                    type = (long)reader.ReadVarint();
                    break;
                case (2, 0):
                    intValue = (int)reader.ReadVarint();
                    break;
                case (3, 2):
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }

    private static string ReadFirstString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == 2)
            {
                return Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }

            reader.Skip(wireType);
        }

        return string.Empty;
    }

    /// <summary>FieldsV1 and RawExtension carry JSON in their first field.</summary>
    private static JsonNode? ReadEmbeddedJson(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == 2)
            {
                var json = reader.ReadLengthDelimited();
                try
                {
                    return JsonNode.Parse(json);
                }
                catch (JsonException ex)
                {
                    throw new FormatException("protobuf: an embedded JSON field is not valid JSON: " + ex.Message, ex);
                }
            }

            reader.Skip(wireType);
        }

        return new JsonObject();
    }
}
