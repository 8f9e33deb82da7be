using Fleet.Tests.Support.Helm;

namespace Fleet.Tests.Helm;

/// <summary>
/// Charts the release tests install: <see cref="TestChart"/>'s ConfigMap showing the values, a test hook Pod that fails
/// with `failTest: true`, and with `broken: true` an object the API server rejects, so an upgrade fails where a person would see it.
/// </summary>
public static class ReleaseCharts
{
    public const string Values = "greeting: hello\nbroken: false\nfailTest: false\n";

    public const string Broken = """
        {{- if .Values.broken }}
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

    public const string PaymentDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: upstream-chart-deployment
        spec:
          replicas: {{ .Values.replicaCount }}
          selector:
            matchLabels: {app: payment-service}
          template:
            metadata:
              labels: {app: payment-service}
            spec:
              containers:
              - name: app
                image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                env:
                - name: DB_USER
                  value: {{ .Values.db.user | quote }}
        """;

    /// <summary>The seed example's `payment-service` chart: a Deployment the seed's post-renderer patches, and a test hook.</summary>
    public static TestChart WritePaymentService(string parent, string version) =>
        TestChart.Write(
            Path.Combine(parent, "payment-service-" + version),
            "payment-service",
            version,
            "replicaCount: 1\nimage:\n  repository: payment-service\n  tag: latest\ndb:\n  user: nobody\nbroken: false\nfailTest: false\n",
            new Dictionary<string, string> { ["templates/deployment.yaml"] = PaymentDeployment, ["templates/tests/smoke.yaml"] = TestHook });

    /// <summary>Writes the chart under <paramref name="parent"/>, with a `values.schema.json` when given one.</summary>
    public static TestChart Write(string parent, string name, string version, string? schema = null)
    {
        var files = new Dictionary<string, string> { ["templates/broken.yaml"] = Broken, ["templates/tests/smoke.yaml"] = TestHook };
        if (schema is not null)
        {
            files["values.schema.json"] = schema;
        }
        return TestChart.Write(Path.Combine(parent, $"{name}-{version}"), name, version, Values, files);
    }

    /// <summary>The values the chart's ConfigMap shows (it renders them as JSON).</summary>
    public static System.Text.Json.Nodes.JsonNode ShownValues(k8s.Models.V1ConfigMap config) => System.Text.Json.Nodes.JsonNode.Parse(config.Data["values"])!;
}
