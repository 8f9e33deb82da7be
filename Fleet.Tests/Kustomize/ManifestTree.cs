namespace Fleet.Tests.Kustomize;

/// <summary>A temporary directory of manifest files, written from (path, content) pairs and deleted on dispose.</summary>
public sealed class ManifestTree : IDisposable
{
    public ManifestTree(params (string Path, string Content)[] files)
    {
        Root = Directory.CreateTempSubdirectory("fleet-manifests-").FullName;
        foreach (var (path, content) in files)
        {
            var full = System.IO.Path.Combine(Root, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public static string ConfigMapYaml(string name, string data = "a: b", string? ns = null) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{(ns is null ? "" : $"  namespace: {ns}\n")}data:\n  {data}\n";

    public static string DeploymentYaml(string name, string image = "nginx:1.0", int replicas = 1) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: main
                image: {image}

        """;
}
