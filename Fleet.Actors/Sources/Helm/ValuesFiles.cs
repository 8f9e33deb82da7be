using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// A HelmChart's `valuesFiles`, merged in order as Flux's chart builder does (later files win, maps merged key by key),
/// to replace the chart's default values. A list of only `values.yaml` changes nothing, so Flux treats it as none.
/// </summary>
public static class ValuesFiles
{
    public const string ChartValues = "values.yaml";

    /// <summary>The files that change the chart: none when the list is empty or only names the chart's own values.yaml.</summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string>? files) =>
        files is null || (files.Count == 1 && Clean(files[0]) == ChartValues) ? [] : files;

    /// <summary>
    /// Merges <paramref name="files"/>, each read by <paramref name="read"/> (null when missing); returns the merged values
    /// and the files that were merged. A missing file fails unless <paramref name="ignoreMissing"/>.
    /// </summary>
    public static (JsonObject Values, IReadOnlyList<string> Merged) Merge(IReadOnlyList<string> files, Func<string, string?> read, bool ignoreMissing)
    {
        var merged = new JsonObject();
        var used = new List<string>();
        foreach (var file in files)
        {
            if (read(Clean(file)) is not { } text)
            {
                if (ignoreMissing)
                {
                    continue;
                }
                throw new ChartBuildException(ChartBuildError.ValuesFilesMerge, $"failed to merge chart values: no values file found at path '{file}'");
            }
            JsonNode? values;
            try
            {
                values = YamlJson.ParseSingle(text);
            }
            catch (FormatException error)
            {
                throw new ChartBuildException(ChartBuildError.ValuesFilesMerge, $"failed to merge chart values: unmarshaling values from '{file}' failed: {error.Message}", error);
            }
            if (values is not null and not JsonObject)
            {
                throw new ChartBuildException(ChartBuildError.ValuesFilesMerge, $"failed to merge chart values: values file '{file}' is not a YAML mapping");
            }
            merged = MergeMaps(merged, values as JsonObject ?? []);
            used.Add(file);
        }
        return (merged, used);
    }

    /// <summary>fluxcd/pkg transform.MergeMaps: <paramref name="over"/> wins, nested maps merge.</summary>
    public static JsonObject MergeMaps(JsonObject into, JsonObject over)
    {
        var result = (JsonObject)into.DeepClone();
        foreach (var (key, value) in over)
        {
            result[key] = value is JsonObject child && result[key] is JsonObject existing ? MergeMaps(existing, child) : value?.DeepClone();
        }
        return result;
    }

    /// <summary>A values file's path inside its root, without `./` and with `/` separators; one leaving the root is refused.</summary>
    public static string Clean(string file)
    {
        var parts = new List<string>();
        foreach (var part in file.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw new ChartBuildException(ChartBuildError.ValuesFilesMerge, $"failed to merge chart values: values file path '{file}' leaves the chart source");
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
