using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The part of the OCI distribution API a Helm chart pull needs: tags, a manifest, a blob. Plain HTTP only with the
/// repository's `insecure`; the registry's challenge decides the login: basic auth with the HelmRepository's credentials,
/// or a bearer token fetched from the registry's token service with them. Every request within the repository's timeout.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    /// <summary>The media type of a chart layer (Helm's ChartLayerMediaType), and the one before Helm 3.8.</summary>
    public static readonly string[] ChartLayerMediaTypes = ["application/vnd.cncf.helm.chart.content.v1.tar+gzip", "application/tar+gzip"];

    private const int MaxTagPages = 100;
    private const long MaxManifestBytes = 4L << 20;

    private readonly HelmRepositoryAccess _access;
    private readonly HelmHttp _http;
    private readonly string _registry;
    private AuthenticationHeaderValue? _authorization;

    public OciRegistryClient(HelmRepositoryAccess access)
    {
        _access = access;
        _http = new HelmHttp(access);
        _registry = $"{(access.Insecure ? "http" : "https")}://{access.Url.Authority}";
    }

    /// <summary>The repository path of <paramref name="chart"/> under the HelmRepository's URL (`charts/demo`).</summary>
    public string RepositoryOf(string chart) => $"{_access.Url.AbsolutePath.Trim('/')}/{chart}".TrimStart('/');

    /// <summary>Every tag of <paramref name="repository"/>, following the registry's pages.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string repository, CancellationToken cancellation)
    {
        var tags = new List<string>();
        var next = $"/v2/{repository}/tags/list";
        for (var page = 0; next is not null && page < MaxTagPages; page++)
        {
            using var response = await SendAsync(new Uri(_registry + next), "application/json", cancellation);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation));
            tags.AddRange((body?["tags"] as JsonArray ?? []).Select(t => t?.ToString()).OfType<string>());
            next = NextPage(response);
        }
        return tags;
    }

    /// <summary>The digest and media type of the chart layer of <paramref name="repository"/>:<paramref name="tag"/>.</summary>
    public async Task<(string Digest, long? Size)> ChartLayerAsync(string repository, string tag, CancellationToken cancellation)
    {
        using var response = await SendAsync(
            new Uri($"{_registry}/v2/{repository}/manifests/{tag}"), "application/vnd.oci.image.manifest.v1+json", cancellation);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellation);
        if (bytes.LongLength > MaxManifestBytes)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"the manifest of {repository}:{tag} exceeds {MaxManifestBytes} bytes");
        }
        var layer = (JsonNode.Parse(bytes)?["layers"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(l => ChartLayerMediaTypes.Contains(l["mediaType"]?.ToString()));
        if (layer?["digest"]?.ToString() is not { } digest)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"{repository}:{tag} is not a Helm chart: its manifest has no layer of type {ChartLayerMediaTypes[0]}");
        }
        return (digest, layer["size"] is JsonValue size && size.TryGetValue<long>(out var length) ? length : null);
    }

    /// <summary>The blob <paramref name="digest"/>, checked against its digest.</summary>
    public async Task<byte[]> BlobAsync(string repository, string digest, long maxBytes, CancellationToken cancellation)
    {
        using var response = await SendAsync(new Uri($"{_registry}/v2/{repository}/blobs/{digest}"), "*/*", cancellation);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"the chart layer {digest} exceeds the maximum size of {maxBytes} bytes");
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellation);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == digest
            ? bytes
            : throw new HelmFetchException(ConditionReasons.Failed, $"the chart layer from {repository} has digest {actual}, expected {digest}");
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string accept, CancellationToken cancellation)
    {
        var response = await _http.SendAsync(() => Request(url, accept), cancellation);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _authorization is null && response.Headers.WwwAuthenticate.FirstOrDefault() is { } challenge)
        {
            response.Dispose();
            _authorization = await LoginAsync(challenge, cancellation);
            response = await _http.SendAsync(() => Request(url, accept), cancellation);
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            response.Dispose();
            throw new HelmFetchException(ConditionReasons.Failed, $"GET {url} : {status}")
            {
                Unauthorized = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            };
        }
        return response;
    }

    private HttpRequestMessage Request(Uri url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Authorization = _authorization;
        return request;
    }

    /// <summary>Answers the registry's challenge: basic auth as is, or a token from its `Bearer realm`.</summary>
    private async Task<AuthenticationHeaderValue?> LoginAsync(AuthenticationHeaderValue challenge, CancellationToken cancellation)
    {
        var basic = _access.Credentials?.BasicHeader;
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return basic;
        }
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is null)
        {
            return null;
        }
        var parameters = ChallengeParameters(challenge.Parameter);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUrl))
        {
            return null;
        }
        var query = string.Join('&', parameters.Where(p => p.Key is "service" or "scope").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var tokenUrl = new Uri(realmUrl + (query.Length == 0 ? "" : (realmUrl.Query.Length == 0 ? "?" : "&") + query));
        using var response = await _http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, tokenUrl) { Headers = { Authorization = basic } }, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"GET {tokenUrl} : {(int)response.StatusCode} {response.ReasonPhrase}")
            {
                Unauthorized = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            };
        }
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation));
        var token = body?["token"]?.ToString() ?? body?["access_token"]?.ToString();
        return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    private static Dictionary<string, string> ChallengeParameters(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(parameter, "(\\w+)=\"([^\"]*)\""))
        {
            result[match.Groups[1].Value] = match.Groups[2].Value;
        }
        return result;
    }

    /// <summary>The next page of a tag list, from its `Link: &lt;/v2/...&gt;; rel="next"` header.</summary>
    private static string? NextPage(HttpResponseMessage response)
    {
        var link = response.Headers.TryGetValues("Link", out var values) ? values.FirstOrDefault() : null;
        if (link is null || !link.Contains("rel=\"next\"", StringComparison.Ordinal))
        {
            return null;
        }
        var start = link.IndexOf('<');
        var end = link.IndexOf('>');
        return start >= 0 && end > start ? link[(start + 1)..end] : null;
    }

    public void Dispose() => _http.Dispose();
}
