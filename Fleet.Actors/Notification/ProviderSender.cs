using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fleet.Actors.Notification.Providers;

namespace Fleet.Actors.Notification;

/// <summary>
/// Sends provider requests: one HTTP client per distinct proxy and TLS set-up, reused; the Provider's timeout per call; any
/// status outside 2xx fails with the status code and the start of the response body.
/// </summary>
public sealed class ProviderSender : IDisposable
{
    private const int BodyShown = 512;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public async Task SendAsync(ProviderRequest request, ProviderSettings provider, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(provider.Timeout);
        using var message = new HttpRequestMessage(request.Method, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType),
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.Remove(name);
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await ClientFor(provider).SendAsync(message, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new HttpRequestException($"request failed with status code {(int)response.StatusCode}: {(body.Length > BodyShown ? body[..BodyShown] : body)}", null, response.StatusCode);
        }
    }

    private HttpClient ClientFor(ProviderSettings provider)
    {
        var key = string.Join('\n', provider.Proxy, provider.ProxyUsername, provider.ProxyPassword, provider.CaPem, provider.CertPem, provider.KeyPem);
        return _clients.GetOrAdd(key, _ => new HttpClient(Handler(provider)) { Timeout = Timeout.InfiniteTimeSpan });
    }

    private static SocketsHttpHandler Handler(ProviderSettings provider)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = provider.Proxy is not null };
        if (provider.Proxy is { } proxy)
        {
            handler.Proxy = new WebProxy(proxy)
            {
                Credentials = provider.ProxyUsername is { } user ? new NetworkCredential(user, provider.ProxyPassword) : null,
            };
        }
        if (provider.CaPem is { } ca)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPem(ca);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(new X509Certificate2(certificate));
            };
        }
        if (provider is { CertPem: { } cert, KeyPem: { } key })
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPem(cert, key)];
        }
        return handler;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
