using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Notification;

/// <summary>Reads a Provider's secrets from the API server, decoded; null when the secret does not exist.</summary>
public static class ProviderSecrets
{
    /// <summary>Reads <c>namespace/name</c>: the secret's data as text, or null when it is absent.</summary>
    public delegate Task<IReadOnlyDictionary<string, string>?> Reader(string @namespace, string name, CancellationToken cancellation);

    /// <summary>No API server: every secret is absent.</summary>
    public static readonly Reader None = (_, _, _) => Task.FromResult<IReadOnlyDictionary<string, string>?>(null);

    public static Reader From(IKubernetes client) => async (@namespace, name, cancellation) =>
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellation);
            var data = (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value), StringComparer.Ordinal);
            foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
            {
                data[key] = value;
            }
            return data;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    };
}
