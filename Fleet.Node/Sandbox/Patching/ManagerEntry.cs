using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>One managedFields entry while it is being worked on.</summary>
internal sealed class ManagerEntry
{
    private readonly JsonObject? _source;
    private readonly FieldSet? _sourceSet;

    public ManagerEntry(string manager, string operation, string apiVersion, string? time, string? subresource, FieldSet set, JsonObject? source = null)
    {
        Manager = manager;
        Operation = operation;
        ApiVersion = apiVersion;
        Time = time;
        Subresource = subresource;
        Set = set;
        _source = source;
        _sourceSet = source is null ? null : set;
    }

    public string Manager { get; }

    public string Operation { get; }

    public string ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; }

    public FieldSet Set { get; set; }

    public bool IsNew => _source is null;

    /// <summary>The API server's manager identity: appliers are one manager whatever apiVersion they use.</summary>
    public string Identity => Key(Manager, Operation, Subresource, ApiVersion);

    public bool SetChanged => _sourceSet is null || !Set.SetEquals(_sourceSet);

    public static string Key(string manager, string operation, string? subresource, string apiVersion) =>
        string.Join('\0', manager, operation, subresource ?? string.Empty, operation == "Apply" ? string.Empty : apiVersion);

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static List<ManagerEntry> Parse(JsonNode? managedFields)
    {
        var entries = new List<ManagerEntry>();
        if (managedFields is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array)
        {
            if (item is not JsonObject obj || obj.Count == 0)
            {
                continue;
            }

            FieldSet set;
            try
            {
                set = FieldSet.FromFieldsV1(obj["fieldsV1"]);
            }
            catch (FormatException)
            {
                set = FieldSet.Empty;
            }

            entries.Add(new ManagerEntry(Text(obj, "manager") ?? string.Empty, Text(obj, "operation") ?? "Update", Text(obj, "apiVersion") ?? string.Empty,
                Text(obj, "time"), Text(obj, "subresource"), set, obj));
        }

        return entries;
    }

    /// <summary>Encodes the entries in the API server's order (operation, time, manager, apiVersion, subresource), dropping empty ones.</summary>
    public static JsonArray Encode(IEnumerable<ManagerEntry> entries)
    {
        var sorted = entries.Where(e => !e.Set.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => Seconds(e.Time))
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? string.Empty, StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var entry in sorted)
        {
            array.Add(entry.ToJson());
        }

        return array;
    }

    public JsonObject ToJson()
    {
        if (_source is not null && !SetChanged && Text(_source, "time") == Time && Text(_source, "apiVersion") == ApiVersion)
        {
            return (JsonObject)_source.DeepClone();
        }

        var obj = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
        };
        if (Time is not null)
        {
            obj["time"] = Time;
        }

        obj["fieldsType"] = "FieldsV1";
        obj["fieldsV1"] = Set.ToFieldsV1();
        if (!string.IsNullOrEmpty(Subresource))
        {
            obj["subresource"] = Subresource;
        }

        return obj;
    }

    private static long Seconds(string? time) =>
        time is not null && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeSeconds() : 0;

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
