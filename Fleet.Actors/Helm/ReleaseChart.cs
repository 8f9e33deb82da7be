using Fleet.Actors.Kube;

namespace Fleet.Actors.Helm;

/// <summary>The name, version and app version a chart's `Chart.yaml` declares, and the chart's directory.</summary>
public sealed record ReleaseChart(string Directory, string Name, string Version, string? AppVersion)
{
    /// <summary>The chart in an unpacked chart package: its one top directory holding `Chart.yaml` (or the root itself).</summary>
    /// <exception cref="FormatException">No readable `Chart.yaml`.</exception>
    public static ReleaseChart Load(string root)
    {
        var directory = File.Exists(Path.Combine(root, "Chart.yaml"))
            ? root
            : System.IO.Directory.GetDirectories(root).FirstOrDefault(d => File.Exists(Path.Combine(d, "Chart.yaml")))
                ?? throw new FormatException("no Chart.yaml found in the chart artifact");
        var chart = YamlJson.ParseSingle(File.ReadAllText(Path.Combine(directory, "Chart.yaml")))
            ?? throw new FormatException("Chart.yaml is empty");
        return new ReleaseChart(
            directory,
            chart["name"]?.ToString() ?? throw new FormatException("Chart.yaml has no name"),
            chart["version"]?.ToString() ?? throw new FormatException("Chart.yaml has no version"),
            chart["appVersion"]?.ToString());
    }

    /// <summary>`name@version`, as Flux names a chart in its messages.</summary>
    public override string ToString() => $"{Name}@{Version}";
}
