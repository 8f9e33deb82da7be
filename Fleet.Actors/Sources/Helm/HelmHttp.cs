using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// HTTP(S) to one chart repository, as Helm's HTTP getter does: basic auth to the repository's own host (to any host with
/// `passCredentials`), the Secret's CA trusted besides the system's, its client certificate presented, every request within
/// the repository's timeout and bounded in size. Failures read as Helm's (`failed to fetch &lt;url&gt; : 404 Not Found`).
/// </summary>
public sealed class HelmHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly HelmRepositoryAccess _access;
    private readonly X509Certificate2? _ca;
    private readonly X509Certificate2? _clientCertificate;

    public HelmHttp(HelmRepositoryAccess access)
    {
        _access = access;
        try
        {
            _ca = access.Tls.CaPem is { } ca ? X509Certificate2.CreateFromPem(ca) : null;
            _clientCertificate = access.Tls.HasClientCertificate ? ClientCertificate(access.Tls) : null;
        }
        catch (System.Security.Cryptography.CryptographicException error)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"failed to construct Helm client's TLS config: {error.Message}", error);
        }
        var handler = new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10 };
        handler.SslOptions.RemoteCertificateValidationCallback = Validate;
        if (_clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [_clientCertificate];
        }
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Downloads <paramref name="url"/> whole, refusing more than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> GetAsync(Uri url, long maxBytes, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(_access.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_access.Credentials is { } credentials && (_access.PassCredentials || SameHost(url, _access.Url)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        }
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HelmFetchException(ConditionReasons.Failed, $"failed to fetch {url} : {(int)response.StatusCode} {response.ReasonPhrase}")
                {
                    Unauthorized = response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden,
                };
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(url, maxBytes);
            }
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, limit.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(url, maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"failed to fetch {url} : timeout of {GoDuration.Format(_access.Timeout)} exceeded");
        }
        catch (HttpRequestException error)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"failed to fetch {url} : {_access.Redact(Describe(error))}", error);
        }
    }

    private static HelmFetchException TooLarge(Uri url, long maxBytes) =>
        new(ConditionReasons.Failed, $"failed to fetch {url} : the response exceeds the maximum size of {maxBytes} bytes");

    private static string Describe(HttpRequestException error) =>
        error.InnerException is { } inner && inner.Message != error.Message ? $"{error.Message} ({inner.Message})" : error.Message;

    private static bool SameHost(Uri url, Uri repository) =>
        string.Equals(url.Host, repository.Host, StringComparison.OrdinalIgnoreCase) && url.Port == repository.Port;

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (_ca is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    private static X509Certificate2 ClientCertificate(HelmTls tls)
    {
        using var pem = X509Certificate2.CreateFromPem(tls.CertificatePem, tls.KeyPem);
        // Through PKCS#12: on Linux, TLS needs a key that is not ephemeral.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _client.Dispose();
        _ca?.Dispose();
        _clientCertificate?.Dispose();
    }
}
