using k8s;

namespace Fleet.Node.Commands.Get;

/// <summary>
/// Finds the API server as kubectl does: <c>--kubeconfig</c>, else KUBECONFIG, else ~/.kube/config. Of a KUBECONFIG
/// list the first existing file is read (KubernetesClient does not merge several).
/// </summary>
public static class KubeconfigLoader
{
    public static KubernetesClientConfiguration Load(string? kubeconfig, string? context, string? environmentValue, string home)
    {
        var paths = kubeconfig is { Length: > 0 }
            ? [kubeconfig]
            : environmentValue is { Length: > 0 }
                ? environmentValue.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                : new[] { Path.Combine(home, ".kube", "config") };
        var path = paths.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException($"no kubeconfig found at {string.Join(", ", paths)}");
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(path), context is { Length: > 0 } ? context : null);
    }
}
