namespace Fleet.Tests.Support.Helm;

/// <summary>
/// A small chart written to disk for tests: Chart.yaml, values.yaml and one ConfigMap template showing the values, plus
/// any extra files; <see cref="PackageAsync"/> makes its `.tgz` with `helm package`.
/// </summary>
public sealed class TestChart
{
    private TestChart(string directory, string name, string version)
    {
        Directory = directory;
        Name = name;
        Version = version;
    }

    public string Directory { get; }

    public string Name { get; }

    public string Version { get; }

    /// <summary>Writes the chart under <paramref name="parent"/>/<paramref name="name"/> (replacing what was there).</summary>
    public static TestChart Write(string parent, string name, string version, string values = "greeting: hello\n", IReadOnlyDictionary<string, string>? files = null)
    {
        var directory = Path.Combine(parent, name);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}\"\ntype: application\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), values);
        File.WriteAllText(
            Path.Combine(directory, "templates", "configmap.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  values: {{ toJson .Values | quote }}\n");
        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            var file = Path.Combine(directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }
        return new TestChart(directory, name, version);
    }

    /// <summary>`helm package` into <paramref name="destination"/>; returns the package's path.</summary>
    public async Task<string> PackageAsync(HelmCli helm, string destination)
    {
        await helm.RunAsync(["package", Directory, "--destination", destination]);
        return Path.Combine(destination, $"{Name}-{Version}.tgz");
    }
}
