using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// A chart repository index as Flux loads it (source-controller IndexFromBytes): JSON or YAML, an `apiVersion` required,
/// chart versions that are not valid (no name, no semantic version) dropped, each chart's versions sorted newest first.
/// Flux publishes the loaded index as JSON; <see cref="ToJson"/> writes that form.
/// </summary>
public sealed class HelmIndex
{
    /// <summary>Helm's limit on an index file (helm.MaxIndexSize).</summary>
    public const long MaxBytes = 50L << 20;

    private readonly JsonObject _document;

    private HelmIndex(JsonObject document, IReadOnlyDictionary<string, IReadOnlyList<ChartVersionEntry>> entries)
    {
        _document = document;
        Entries = entries;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<ChartVersionEntry>> Entries { get; }

    /// <summary>Loads an index; throws <see cref="FormatException"/> with Helm's wording when it is empty, malformed or has no apiVersion.</summary>
    public static HelmIndex Parse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new FormatException("empty index.yaml file");
        }
        var text = Encoding.UTF8.GetString(bytes);
        var node = IsJson(text) ? JsonNode.Parse(text) : YamlJson.ParseSingle(text);
        if (node is not JsonObject document)
        {
            throw new FormatException("the index is not a YAML mapping");
        }
        if (document["apiVersion"] is not JsonValue apiVersion || apiVersion.ToString().Length == 0)
        {
            throw new FormatException("no API version specified");
        }
        var entries = new Dictionary<string, IReadOnlyList<ChartVersionEntry>>(StringComparer.Ordinal);
        var sortedEntries = new JsonObject();
        if (document["entries"] is JsonObject charts)
        {
            foreach (var (name, versions) in charts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var valid = (versions as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(v => (Node: v, Entry: EntryOf(v)))
                    .Where(v => v.Entry is not null)
                    .OrderByDescending(v => v.Entry!.Semantic)
                    .ThenByDescending(v => v.Entry!.Created)
                    .ToList();
                entries[name] = [.. valid.Select(v => v.Entry!)];
                sortedEntries[name] = new JsonArray([.. valid.Select(v => v.Node.DeepClone())]);
            }
        }
        var normalized = (JsonObject)document.DeepClone();
        normalized["entries"] = sortedEntries;
        return new HelmIndex(normalized, entries);
    }

    /// <summary>The loaded index as indented JSON, the form Flux stores as a HelmRepository's artifact.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(_document, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// The version of <paramref name="chart"/> a HelmChart's `version` picks, as Flux's repository does: an exact match
    /// first, else the newest within the range; empty or `*` is the newest stable version.
    /// </summary>
    public ChartVersionEntry Resolve(string chart, string? version)
    {
        if (!Entries.TryGetValue(chart, out var versions))
        {
            throw Reference("no chart name found");
        }
        if (versions.Count == 0)
        {
            throw Reference("no chart version found");
        }
        if (!string.IsNullOrEmpty(version) && versions.FirstOrDefault(v => v.Version == version) is { } exact)
        {
            return exact;
        }
        var range = ChartVersionRange.Parse(version, Reference);
        return versions.FirstOrDefault(v => range.Matches(v.Semantic))
            ?? throw Reference($"no '{chart}' chart with version matching '{version}' found");
    }

    private static ChartReferenceException Reference(string detail) => new($"failed to get chart version for remote reference: {detail}");

    private static ChartVersionEntry? EntryOf(JsonObject node)
    {
        var name = Scalar(node["name"]);
        var version = Scalar(node["version"]);
        if (string.IsNullOrEmpty(name) || version is null || SemanticVersion.TryParse(version) is not { } semantic)
        {
            return null;
        }
        var urls = (node["urls"] as JsonArray ?? []).Select(Scalar).OfType<string>().ToList();
        DateTimeOffset? created = DateTimeOffset.TryParse(Scalar(node["created"]), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        return new ChartVersionEntry(name, version, semantic, urls, Scalar(node["digest"]), created);
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    private static bool IsJson(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return false;
        }
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
