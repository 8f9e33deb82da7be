using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Meta;
using k8s;

namespace Fleet.Actors.Helm;

/// <summary>
/// The kubeconfig files helm runs with: one of the node's own cluster, and one per distinct `kubeConfig.secretRef`
/// content, written once with owner-only permissions under the node's data directory (credentials never go on a command
/// line). In a pod without a kubeconfig helm finds the pod's service account itself, so none is written.
/// </summary>
public sealed class HelmKubeconfigs(ClusterClients clusters, string directory)
{
    private readonly ConcurrentDictionary<string, Lazy<string?>> _files = new();

    /// <summary>The file for <paramref name="kubeConfig"/>'s cluster (the node's when null); null means helm's in-cluster default.</summary>
    public async Task<string?> PathForAsync(string ns, KubeConfigReference? kubeConfig, CancellationToken cancellation)
    {
        if (kubeConfig?.SecretRef is not { } secretRef)
        {
            return _files.GetOrAdd("local", _ => new Lazy<string?>(() => Local(clusters.LocalConfiguration) is { } text ? Write("local", text) : null)).Value;
        }
        // The client check refuses what Fleet would not use itself (exec plugins, malformed files) before helm sees it.
        await clusters.ForAsync(ns, null, kubeConfig, cancellation);
        var bytes = await clusters.ReadKubeconfigAsync(ns, secretRef, cancellation);
        var name = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        return _files.GetOrAdd(name, _ => new Lazy<string?>(() => Write(name, Encoding.UTF8.GetString(bytes)))).Value;
    }

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".kubeconfig");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new StreamWriter(path, new UTF8Encoding(false), options))
        {
            file.Write(text);
        }
        return path;
    }

    /// <summary>A kubeconfig of the node's connection, or null for a pod's token-file identity, which helm finds itself.</summary>
    public static string? Local(KubernetesClientConfiguration configuration)
    {
        if (configuration.TokenProvider is not null && configuration.AccessToken is null && KubernetesClientConfiguration.IsInCluster())
        {
            return null;
        }
        var cluster = new StringBuilder().Append("    server: ").Append(Quote(configuration.Host)).Append('\n');
        if (configuration.SkipTlsVerify)
        {
            cluster.Append("    insecure-skip-tls-verify: true\n");
        }
        if (configuration.SslCaCerts is { Count: > 0 } authorities)
        {
            var pem = string.Concat(authorities.Select(c => c.ExportCertificatePem() + "\n"));
            cluster.Append("    certificate-authority-data: ").Append(Quote(Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)))).Append('\n');
        }
        var user = new StringBuilder();
        if (configuration.AccessToken is { Length: > 0 } token)
        {
            user.Append("    token: ").Append(Quote(token)).Append('\n');
        }
        if (configuration.Username is { Length: > 0 } username)
        {
            user.Append("    username: ").Append(Quote(username)).Append("\n    password: ").Append(Quote(configuration.Password ?? "")).Append('\n');
        }
        if (configuration.ClientCertificateData is { Length: > 0 } certificate && configuration.ClientCertificateKeyData is { Length: > 0 } key)
        {
            user.Append("    client-certificate-data: ").Append(Quote(certificate)).Append("\n    client-key-data: ").Append(Quote(key)).Append('\n');
        }
        if (configuration.ClientCertificateFilePath is { Length: > 0 } certificateFile && configuration.ClientKeyFilePath is { Length: > 0 } keyFile)
        {
            user.Append("    client-certificate: ").Append(Quote(certificateFile)).Append("\n    client-key: ").Append(Quote(keyFile)).Append('\n');
        }
        return new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\nclusters:\n- name: fleet\n  cluster:\n").Append(cluster)
            .Append("users:\n- name: fleet\n  user:").Append(user.Length == 0 ? " {}\n" : "\n" + user)
            .Append("contexts:\n- name: fleet\n  context:\n    cluster: fleet\n    user: fleet\ncurrent-context: fleet\n")
            .ToString();
    }

    // A JSON string is a YAML scalar whatever it holds.
    private static string Quote(string? value) => JsonSerializer.Serialize(value ?? "");
}
