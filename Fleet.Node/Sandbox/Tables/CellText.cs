using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>Reading fields for cells and formatting them as the real server's printers do.</summary>
public static class CellText
{
    public const string None = "<none>";

    public static string Text(JsonObject obj, string path) =>
        JsonPath.Get(obj, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    public static string TextOrNone(JsonObject obj, string path) => Text(obj, path) is { Length: > 0 } s ? s : None;

    public static long Number(JsonObject obj, string path) => JsonNumber.AsLong(JsonPath.Get(obj, path)) ?? 0;

    public static IEnumerable<JsonObject> Items(JsonObject obj, string path) => (JsonPath.Get(obj, path) as JsonArray ?? []).OfType<JsonObject>();

    public static DateTimeOffset? Time(JsonObject obj, string path) =>
        DateTimeOffset.TryParse(Text(obj, path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>The age since a timestamp field, or <c>&lt;unknown&gt;</c> when it is unset.</summary>
    public static string Since(JsonObject obj, string path, DateTimeOffset now) => Time(obj, path) is { } at ? HumanDuration(now - at) : "<unknown>";

    /// <summary><c>k=v,k2=v2</c> of a string map, or <c>&lt;none&gt;</c>.</summary>
    public static string Labels(JsonNode? map) =>
        map is JsonObject { Count: > 0 } o ? string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={KubectlJsonPath.Text(p.Value)}")) : None;

    /// <summary>A LabelSelector as <c>metav1.FormatLabelSelector</c> prints it.</summary>
    public static string Selector(JsonNode? selector)
    {
        if (selector is not JsonObject s)
        {
            return None;
        }

        var parts = new List<string>();
        if (s["matchLabels"] is JsonObject labels)
        {
            parts.AddRange(labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={KubectlJsonPath.Text(p.Value)}"));
        }

        foreach (var e in (s["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = KubectlJsonPath.Text(e["key"]);
            var values = string.Join(",", (e["values"] as JsonArray ?? []).Select(KubectlJsonPath.Text));
            parts.Add(KubectlJsonPath.Text(e["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => $"{key} {op} ({values})",
            });
        }

        return parts.Count == 0 ? None : string.Join(",", parts);
    }

    /// <summary>The names and the images of a pod spec's containers, comma-joined (the wide CONTAINERS and IMAGES).</summary>
    public static (string Names, string Images) Containers(JsonObject obj, string podSpecPath)
    {
        var containers = Items(obj, podSpecPath + ".containers").ToList();
        return (string.Join(",", containers.Select(c => KubectlJsonPath.Text(c["name"]))), string.Join(",", containers.Select(c => KubectlJsonPath.Text(c["image"]))));
    }

    /// <summary>kubectl's compact age: 45s, 3m12s, 15m, 5h30m, 20h, 3d4h, 12d, 2y.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        static string I(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);
        return d.TotalSeconds switch
        {
            < 120 => $"{I(d.TotalSeconds)}s",
            _ when d.TotalMinutes < 10 => d.Seconds == 0 ? $"{I(d.TotalMinutes)}m" : $"{I(d.TotalMinutes)}m{d.Seconds}s",
            _ when d.TotalHours < 3 => $"{I(d.TotalMinutes)}m",
            _ when d.TotalHours < 8 => d.Minutes == 0 ? $"{I(d.TotalHours)}h" : $"{I(d.TotalHours)}h{d.Minutes}m",
            _ when d.TotalHours < 48 => $"{I(d.TotalHours)}h",
            _ when d.TotalDays < 8 => d.Hours == 0 ? $"{I(d.TotalDays)}d" : $"{I(d.TotalDays)}d{d.Hours}h",
            _ when d.TotalDays < 730 => $"{I(d.TotalDays)}d",
            _ => $"{I(d.TotalDays / 365)}y",
        };
    }
}
