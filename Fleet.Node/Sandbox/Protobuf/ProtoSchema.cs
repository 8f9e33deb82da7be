using System.Collections.Frozen;

namespace Fleet.Node.Sandbox.Protobuf;

/// <summary>The message table loaded once from the embedded <c>KubernetesTypes.schema</c>.</summary>
internal static class ProtoSchema
{
    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<int, ProtoField>>> Messages = new(Load);

    public static FrozenDictionary<int, ProtoField>? Find(string message) =>
        Messages.Value.TryGetValue(message, out var fields) ? fields : null;

    private static FrozenDictionary<string, FrozenDictionary<int, ProtoField>> Load()
    {
        using var stream = typeof(ProtoSchema).Assembly.GetManifestResourceStream("Fleet.Node.Sandbox.Protobuf.KubernetesTypes.schema")
            ?? throw new InvalidOperationException("the embedded protobuf schema is missing");
        using var reader = new StreamReader(stream);
        var messages = new Dictionary<string, FrozenDictionary<int, ProtoField>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var fields = new Dictionary<int, ProtoField>();
            foreach (var spec in parts.AsSpan(1))
            {
                var pieces = spec.Split(':', 3);
                fields[int.Parse(pieces[0], System.Globalization.CultureInfo.InvariantCulture)] = ParseField(pieces[1], pieces[2]);
            }

            messages[parts[0]] = fields.ToFrozenDictionary();
        }

        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static ProtoField ParseField(string name, string type)
    {
        var keepZero = type.EndsWith('!');
        type = type.TrimEnd('!');
        var repeated = type.StartsWith('*');
        type = type.TrimStart('*');
        var isMap = type.StartsWith("map<", StringComparison.Ordinal);
        if (isMap)
        {
            type = type[4..^1];
        }

        var (fieldType, message) = type switch
        {
            "string" => (ProtoFieldType.String, null),
            "bytes" => (ProtoFieldType.Bytes, null),
            "int32" => (ProtoFieldType.Int32, null),
            "int64" => (ProtoFieldType.Int64, null),
            "bool" => (ProtoFieldType.Bool, null),
            "meta.Time" => (ProtoFieldType.Time, null),
            "meta.MicroTime" => (ProtoFieldType.MicroTime, null),
            "intstr.IntOrString" => (ProtoFieldType.IntOrString, null),
            "resource.Quantity" => (ProtoFieldType.Quantity, null),
            "meta.FieldsV1" => (ProtoFieldType.FieldsV1, null),
            "runtime.RawExtension" => (ProtoFieldType.RawExtension, null),
            _ => (ProtoFieldType.Message, (string?)type),
        };
        return new ProtoField(name, fieldType, message, repeated, isMap, keepZero);
    }
}
