using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Helm;

/// <summary>A chart's `Chart.yaml` as Helm validates it: apiVersion, name and a semantic version are required.</summary>
public sealed record ChartMetadata(string Name, string Version, IReadOnlyList<string> Dependencies)
{
    /// <summary>Reads and validates `Chart.yaml` text; throws <see cref="FormatException"/> with Helm's validation wording.</summary>
    public static ChartMetadata Parse(string yaml)
    {
        if (YamlJson.ParseSingle(yaml) is not JsonObject chart)
        {
            throw new FormatException("validation: chart.metadata is required");
        }
        var apiVersion = Scalar(chart["apiVersion"]);
        var name = Scalar(chart["name"]);
        var version = Scalar(chart["version"]);
        if (string.IsNullOrEmpty(apiVersion))
        {
            throw new FormatException("validation: chart.metadata.apiVersion is required");
        }
        if (string.IsNullOrEmpty(name))
        {
            throw new FormatException("validation: chart.metadata.name is required");
        }
        if (string.IsNullOrEmpty(version))
        {
            throw new FormatException("validation: chart.metadata.version is required");
        }
        if (SemanticVersion.TryParse(version) is null)
        {
            throw new FormatException($"validation: chart.metadata.version \"{version}\" is invalid");
        }
        var dependencies = (chart["dependencies"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(d => Scalar(d["name"]))
            .OfType<string>()
            .ToList();
        return new ChartMetadata(name, version, dependencies);
    }

    /// <summary>The metadata of a packaged chart: the `Chart.yaml` in its top directory.</summary>
    public static ChartMetadata FromArchive(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            var parts = entry.Name.TrimStart('.', '/').Split('/');
            if (parts.Length == 2 && parts[1] == "Chart.yaml" && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data, Encoding.UTF8);
                return Parse(reader.ReadToEnd());
            }
        }
        throw new FormatException("Chart.yaml file is missing");
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value ? value.ToString() : null;
}
