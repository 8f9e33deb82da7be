namespace Fleet.Tests.Helm;

/// <summary>
/// Charts the release tests install: a ConfigMap showing a value, a test hook Pod, and on demand an object the API server
/// rejects (`broken: true`), so an upgrade can fail where a person would see it.
/// </summary>
public static class ReleaseCharts
{
    public const string Templates = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-config
        data:
          greeting: {{ .Values.greeting | quote }}
        {{- if .Values.broken }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: Not_A_Valid_Name
        data: {}
        {{- end }}
        """;

    public const string TestHook = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{ .Release.Name }}-smoke
          annotations:
            helm.sh/hook: test
            {{- if .Values.failTest }}
            sandbox.fleet.dev/simulate-failure: "true"
            {{- end }}
        spec:
          restartPolicy: Never
          containers:
          - name: smoke
            image: busybox:1.36
        """;

    /// <summary>Writes the chart to <paramref name="parent"/>/<paramref name="name"/> and returns its directory.</summary>
    public static string Write(string parent, string name, string version, string? schema = null)
    {
        var directory = Path.Combine(parent, name + "-" + version);
        Directory.CreateDirectory(Path.Combine(directory, "templates", "tests"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}-app\"\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "greeting: hello\nbroken: false\nfailTest: false\n");
        File.WriteAllText(Path.Combine(directory, "templates", "configmap.yaml"), Templates);
        File.WriteAllText(Path.Combine(directory, "templates", "tests", "smoke.yaml"), TestHook);
        if (schema is not null)
        {
            File.WriteAllText(Path.Combine(directory, "values.schema.json"), schema);
        }
        return directory;
    }
}
