using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Fleet.Actors.Oci;

/// <summary>
/// A client of one registry's distribution API (`/v2/`): tags with `Link` pagination, manifests and indexes by tag or
/// digest (HEAD and GET), blobs checked against their digest, and pushes of blobs and manifests. It answers Basic and Bearer
/// challenges with the connection's login and retries what may pass with <see cref="OciRetry"/> on the injected clock.
/// Messages name the operation and address, never a credential.
/// </summary>
public sealed class OciClient : IDisposable
{
    /// <summary>Tags asked for per page; registries may answer with fewer and a `Link` to the next page.</summary>
    public const int TagPageSize = 1000;

    /// <summary>A bound on pages, so that a registry whose `Link` loops cannot hold a scan forever.</summary>
    public const int MaxTagPages = 10_000;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly RegistryConnection _connection;
    private readonly RegistryAuthorizer _authorizer;
    private readonly TimeProvider _clock;
    private readonly OciRetry _retry;

    public OciClient(string registry, RegistryConnection connection, TimeProvider? clock = null, OciRetry? retry = null)
    {
        _connection = connection;
        _http = new HttpClient(RegistryHandler.Create(connection)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("fleet");
        _base = new Uri($"{(connection.Insecure ? "http" : "https")}://{registry}/");
        _authorizer = new RegistryAuthorizer(_http, connection.Credentials);
        _clock = clock ?? TimeProvider.System;
        _retry = retry ?? OciRetry.Default;
    }

    /// <summary>Every tag of <paramref name="repository"/>, following `Link: &lt;...&gt;; rel="next"` page by page.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellation, int pageSize = TagPageSize)
    {
        var tags = new List<string>();
        Uri? page = new(_base, $"v2/{repository}/tags/list?n={pageSize}");
        for (var pages = 0; page is not null; pages++)
        {
            if (pages == MaxTagPages)
            {
                throw new OciException(OciErrorKind.Invalid, $"GET {Show(page)}: more than {MaxTagPages} pages of tags");
            }
            var url = page;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), repository, "pull", cancellation);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation);
            tags.AddRange(TagsIn(body, url));
            page = NextPage(response, url);
        }
        return tags;
    }

    /// <summary>The descriptor of a manifest by tag or digest, from a HEAD (falling back to GET where HEAD gives no digest).</summary>
    public async Task<OciDescriptor> HeadManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        var url = ManifestUrl(repository, reference);
        using (var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, url), repository, "pull", cancellation))
        {
            if (response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { Length: > 0 } digest)
            {
                return new OciDescriptor
                {
                    Digest = digest,
                    MediaType = response.Content.Headers.ContentType?.MediaType ?? "",
                    Size = response.Content.Headers.ContentLength ?? 0,
                };
            }
        }
        var manifest = await GetManifestAsync(repository, reference, cancellation);
        return new OciDescriptor { Digest = manifest.Digest, MediaType = manifest.MediaType, Size = manifest.Content.Length };
    }

    /// <summary>A manifest or index by tag or digest; by digest, its bytes must hash to it.</summary>
    public async Task<OciManifestResponse> GetManifestAsync(string repository, string reference, CancellationToken cancellation)
    {
        var url = ManifestUrl(repository, reference);
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, url), repository, "pull", cancellation);
        var content = await response.Content.ReadAsByteArrayAsync(cancellation);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var digest = reference.Contains(':', StringComparison.Ordinal) ? reference
            : response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { Length: > 0 } header ? header
            : OciDigest.Of(content);
        OciDigest.Verify(digest, content, $"the manifest {Show(url)}");
        var manifest = OciManifest.Parse(content, mediaType);
        return new OciManifestResponse(manifest, content, digest, manifest.MediaType ?? mediaType ?? OciMediaTypes.ImageManifest);
    }

    /// <summary>Writes a blob to <paramref name="destination"/>; throws when its bytes do not hash to its digest or size.</summary>
    public async Task DownloadBlobAsync(string repository, OciDescriptor blob, Stream destination, CancellationToken cancellation)
    {
        var url = new Uri(_base, $"v2/{repository}/blobs/{blob.Digest}");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), repository, "pull", cancellation);
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        using var hash = IncrementalHash.CreateHash(OciDigest.AlgorithmOf(blob.Digest));
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellation);
            size += read;
        }
        var actual = OciDigest.Format(OciDigest.AlgorithmOf(blob.Digest), hash.GetHashAndReset());
        if (actual != blob.Digest || (blob.Size > 0 && size != blob.Size))
        {
            throw new OciException(OciErrorKind.Invalid, $"the blob {Show(url)} has digest '{actual}' and {size} bytes, expected '{blob.Digest}' and {blob.Size}");
        }
    }

    /// <summary>Uploads a blob (monolithic POST then PUT) unless the registry has it already; returns its descriptor.</summary>
    public async Task<OciDescriptor> PushBlobAsync(string repository, byte[] content, string mediaType, CancellationToken cancellation)
    {
        var digest = OciDigest.Of(content);
        var descriptor = new OciDescriptor { MediaType = mediaType, Digest = digest, Size = content.Length };
        var blobUrl = new Uri(_base, $"v2/{repository}/blobs/{digest}");
        if (await ExistsAsync(blobUrl, repository, cancellation))
        {
            return descriptor;
        }
        Uri location;
        using (var started = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, $"v2/{repository}/blobs/uploads/")), repository, "pull,push", cancellation))
        {
            location = started.Headers.Location is { } where ? new Uri(_base, where)
                : throw new OciException(OciErrorKind.Invalid, $"POST {Show(blobUrl)}: the registry started an upload without a Location");
        }
        var separator = location.Query.Length > 0 ? "&" : "?";
        var put = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest));
        using var finished = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, put)
            {
                Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            },
            repository,
            "pull,push",
            cancellation);
        return descriptor;
    }

    /// <summary>Puts a manifest under a tag (or its digest); returns its digest.</summary>
    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellation)
    {
        var url = ManifestUrl(repository, reference);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
            },
            repository,
            "pull,push",
            cancellation);
        return OciDigest.Of(manifest);
    }

    private async Task<bool> ExistsAsync(Uri url, string repository, CancellationToken cancellation)
    {
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, url), repository, "pull,push", cancellation);
            return true;
        }
        catch (OciException error) when (error.Kind == OciErrorKind.NotFound)
        {
            return false;
        }
    }

    private Uri ManifestUrl(string repository, string reference) => new(_base, $"v2/{repository}/manifests/{reference}");

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var type in OciMediaTypes.Manifests)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        return request;
    }

    /// <summary>
    /// Sends a request built by <paramref name="create"/> (anew for each try), answering one challenge and retrying what
    /// may pass; a success is returned for the caller to read and dispose, anything else is thrown as an <see cref="OciException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string repository, string actions, CancellationToken cancellation)
    {
        var scope = $"repository:{repository}:{actions}";
        var answered = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            var what = $"{request.Method} {Show(request.RequestUri!)}";
            request.Headers.Authorization = _authorizer.For(scope);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            }
            catch (HttpRequestException) when (attempt < _retry.Attempts)
            {
                await WaitAsync(attempt, null, cancellation);
                continue;
            }
            catch (HttpRequestException error)
            {
                throw new OciException(OciErrorKind.Unreachable, $"{what}: {Redact(error.Message)}", error);
            }
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !answered && AuthChallenge.From(response.Headers) is { } challenge)
                {
                    answered = true;
                    await _authorizer.AnswerAsync(challenge, scope, what, cancellation);
                    attempt--;
                    continue;
                }
                var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                if (transient && attempt < _retry.Attempts)
                {
                    await WaitAsync(attempt, response.Headers.RetryAfter?.Delta, cancellation);
                    continue;
                }
                throw await FailureAsync(response, what, transient, cancellation);
            }
        }
    }

    private Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellation) =>
        Task.Delay(_retry.DelayAfter(attempt, retryAfter), _clock, cancellation);

    private async Task<OciException> FailureAsync(HttpResponseMessage response, string what, bool transient, CancellationToken cancellation)
    {
        var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(cancellation);
        // A HEAD answer has no body to say why; a refused login is worth naming as registries do.
        var detail = ErrorsIn(body)
            ?? (response.StatusCode == HttpStatusCode.Unauthorized ? "UNAUTHORIZED: authentication required" : $"{(int)response.StatusCode} {response.ReasonPhrase}");
        var kind = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => OciErrorKind.Unauthorized,
            HttpStatusCode.NotFound => OciErrorKind.NotFound,
            _ when transient => OciErrorKind.Unreachable,
            _ => OciErrorKind.Invalid,
        };
        return new OciException(kind, $"{what}: {Redact(detail)}");
    }

    /// <summary>The registry's `{"errors":[{"code","message"}]}` as `CODE: message; ...`, or null when the body is not that.</summary>
    private static string? ErrorsIn(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var parts = errors.EnumerateArray()
                .Select(e => $"{Property(e, "code")}: {Property(e, "message")}".Trim(' ', ':'))
                .Where(p => p.Length > 0)
                .ToList();
            return parts.Count > 0 ? string.Join("; ", parts) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static IEnumerable<string> TagsIn(byte[] body, Uri url)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            return tags.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new OciException(OciErrorKind.Invalid, $"GET {Show(url)}: the tag list is not valid JSON");
        }
    }

    /// <summary>The `rel="next"` target of a `Link` header, relative to the registry.</summary>
    private Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var next = new Uri(_base, link[(open + 1)..close]);
            return next == current ? null : next;
        }
        return null;
    }

    private string Redact(string text) => _connection.Credentials?.Redact(text) ?? text;

    /// <summary>An address for a message: without query, where upload sessions keep their state.</summary>
    private static string Show(Uri url) => url.GetLeftPart(UriPartial.Path);

    public void Dispose() => _http.Dispose();
}
