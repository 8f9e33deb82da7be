using System.Globalization;

namespace Fleet.Bench;

/// <summary>
/// The app of Flux's Kustomization benchmark: a ServiceAccount, a Service, a Deployment with 0 replicas and an
/// Ingress, in one directory of one Git repository; the same four manifests with a namespace for the plain-apply floor.
/// </summary>
public static class BenchApp
{
    public const string Path = "apps/bench";

    /// <summary>The four manifests, each a YAML document; with <paramref name="ns"/> null they carry no namespace (targetNamespace sets it).</summary>
    public static IReadOnlyList<(string Name, string Yaml)> Manifests(string? ns)
    {
        var metadata = ns is null ? "  name: bench\n" : $"  name: bench\n  namespace: {ns}\n";
        return
        [
            ("serviceaccount", $"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n{metadata}"),
            ("service", $"""
                apiVersion: v1
                kind: Service
                metadata:
                {metadata}spec:
                  selector:
                    app: bench
                  ports:
                    - name: http
                      port: 80
                      targetPort: 8080
                """ + "\n"),
            ("deployment", $"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                {metadata}spec:
                  replicas: 0
                  selector:
                    matchLabels:
                      app: bench
                  template:
                    metadata:
                      labels:
                        app: bench
                    spec:
                      serviceAccountName: bench
                      containers:
                        - name: app
                          image: ghcr.io/example/bench:1.0.0
                          ports:
                            - containerPort: 8080
                """ + "\n"),
            ("ingress", $"""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                {metadata}spec:
                  rules:
                    - host: bench.example.invalid
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: bench
                                port:
                                  number: 80
                """ + "\n"),
        ];
    }

    /// <summary>A repository at <paramref name="directory"/> with the app and its kustomization.yaml, one commit on main.</summary>
    public static async Task CreateRepositoryAsync(string directory)
    {
        var app = Directory.CreateDirectory(System.IO.Path.Combine(directory, Path)).FullName;
        await ServedRepositories.GitAsync(directory, "init", "-q", "-b", "main");
        var manifests = Manifests(ns: null);
        foreach (var (name, yaml) in manifests)
        {
            File.WriteAllText(System.IO.Path.Combine(app, name + ".yaml"), yaml);
        }
        File.WriteAllText(System.IO.Path.Combine(app, "kustomization.yaml"),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n" +
            string.Concat(manifests.Select(m => string.Create(CultureInfo.InvariantCulture, $"  - {m.Name}.yaml\n"))));
        await ServedRepositories.GitAsync(directory, "add", "-A");
        await ServedRepositories.GitAsync(directory, "commit", "-q", "-m", "bench app");
    }

    /// <summary>Where a manifest of <see cref="Manifests"/>, by its name there, is served.</summary>
    public static (string Group, string Version, string Plural) Resource(string name) => name switch
    {
        "serviceaccount" => ("", "v1", "serviceaccounts"),
        "service" => ("", "v1", "services"),
        "deployment" => ("apps", "v1", "deployments"),
        "ingress" => ("networking.k8s.io", "v1", "ingresses"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a manifest of the bench app"),
    };
}
