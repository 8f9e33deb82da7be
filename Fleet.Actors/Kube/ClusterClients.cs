using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;
using Fleet.Messages.Api.Meta;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;

namespace Fleet.Actors.Kube;

/// <summary>
/// API clients for the cluster an object reconciles into: the node's own, another cluster's from a
/// `kubeConfig.secretRef`, either impersonating `serviceAccountName`. Clients are shared per identity, because
/// each one holds its own connections; so is the apply engine of each client, with its discovery cache. Reconcilers
/// take their clock from here (<see cref="Clock"/>), the one the apply engines wait and judge health on.
/// </summary>
public sealed class ClusterClients(KubernetesClientConfiguration local, IKubernetes localClient, TimeProvider? clock = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, IKubernetes> _clients = new();
    private readonly ConcurrentDictionary<(IKubernetes Client, ApplyOwner Owner), ResourceManager> _engines = new();

    /// <summary>The node's clock (a virtual one in tests).</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The node's own client, acting as Fleet.</summary>
    public IKubernetes Local => localClient;

    /// <summary>How the node reaches its own cluster, for tools that run as processes (helm) and need a kubeconfig of it.</summary>
    public KubernetesClientConfiguration LocalConfiguration => local;

    /// <summary>A client for <paramref name="kubeConfig"/>'s cluster (the node's when null), as the service account when one is named.</summary>
    public async Task<IKubernetes> ForAsync(string ns, string? serviceAccountName, KubeConfigReference? kubeConfig, CancellationToken cancellation)
    {
        var user = string.IsNullOrEmpty(serviceAccountName) ? null : ImpersonationHandler.ServiceAccountUser(ns, serviceAccountName);
        if (kubeConfig?.SecretRef is not { } secretRef)
        {
            return user is null ? localClient : _clients.GetOrAdd($"local|{user}", _ => Create(local, user));
        }
        var bytes = await ReadKubeconfigAsync(ns, secretRef, cancellation);
        var key = $"{Convert.ToHexString(SHA256.HashData(bytes))}|{user}";
        if (_clients.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var remote = await RemoteConfigurationAsync(ns, secretRef, bytes);
        return _clients.GetOrAdd(key, _ => Create(remote, user));
    }

    /// <summary>
    /// The apply engine for <paramref name="client"/> acting as <paramref name="owner"/>, created once: discovery is
    /// shared by every object that reaches the same cluster as the same identity. Health is kstatus on <see cref="Clock"/>.
    /// </summary>
    public ResourceManager ApplyEngineFor(IKubernetes client, ApplyOwner owner) =>
        _engines.GetOrAdd((client, owner), key => new ResourceManager(key.Client, key.Owner, o => KStatus.Compute(o, Clock.GetUtcNow()).Status, Clock));

    private static IKubernetes Create(KubernetesClientConfiguration configuration, string? user) =>
        user is null ? new Kubernetes(configuration) : new Kubernetes(configuration, new ImpersonationHandler(user));

    /// <summary>Flux's key choice: the named key, else `value`, else `value.yaml`.</summary>
    public async Task<byte[]> ReadKubeconfigAsync(string ns, SecretKeyReference secretRef, CancellationToken cancellation)
    {
        k8s.Models.V1Secret secret;
        try
        {
            secret = await localClient.CoreV1.ReadNamespacedSecretAsync(secretRef.Name, ns, cancellationToken: cancellation);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ClusterAccessException($"failed to get kubeconfig secret '{ns}/{secretRef.Name}': secrets \"{secretRef.Name}\" not found");
        }
        catch (HttpOperationException error)
        {
            throw new ClusterAccessException($"failed to get kubeconfig secret '{ns}/{secretRef.Name}': {ApiError.From(error).Message}");
        }
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        if (secretRef.Key is { Length: > 0 } named)
        {
            return data.TryGetValue(named, out var value)
                ? value
                : throw new ClusterAccessException($"kubeconfig secret '{ns}/{secretRef.Name}' has no key '{named}'");
        }
        return data.TryGetValue("value", out var plain) ? plain
            : data.TryGetValue("value.yaml", out var yaml) ? yaml
            : throw new ClusterAccessException($"kubeconfig secret '{ns}/{secretRef.Name}' has neither a 'value' nor a 'value.yaml' key");
    }

    /// <summary>Reads a tenant's kubeconfig; exec plugins are refused, as Flux refuses them by default, since they would run on the node.</summary>
    private static async Task<KubernetesClientConfiguration> RemoteConfigurationAsync(string ns, SecretKeyReference secretRef, byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            var kubeconfig = await KubernetesClientConfiguration.LoadKubeConfigAsync(stream);
            if (kubeconfig.Users?.Any(u => u.UserCredentials?.ExternalExecution is not null) == true)
            {
                throw new ClusterAccessException($"kubeconfig secret '{ns}/{secretRef.Name}' uses an exec plugin, which Fleet does not run");
            }
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig);
        }
        catch (Exception error) when (error is KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new ClusterAccessException($"kubeconfig secret '{ns}/{secretRef.Name}' is not a valid kubeconfig: {error.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        _clients.Clear();
        _engines.Clear();
    }
}
