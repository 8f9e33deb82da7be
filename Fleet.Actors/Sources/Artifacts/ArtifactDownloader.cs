using System.Security.Cryptography;

namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Fetches an artifact from any node by URL, checks it against the digest its source advertised,
/// and unpacks it with <see cref="SafeExtractor"/>. Nothing is unpacked unless the digest matches.
/// </summary>
public sealed class ArtifactDownloader(HttpClient http)
{
    public async Task DownloadAndExtractAsync(string url, string digest, string destination, CancellationToken cancellation)
    {
        var parts = digest.Split(':', 2);
        if (parts.Length != 2 || parts[0] != "sha256")
        {
            throw new ArtifactDownloadException($"artifact digest '{digest}' is not of the form sha256:<hex>");
        }
        var temporary = Path.Combine(Path.GetTempPath(), $"fleet-artifact-{Guid.NewGuid():N}.tar.gz");
        try
        {
            using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new ArtifactDownloadException($"downloading artifact from {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }
                await using var file = File.Create(temporary);
                await response.Content.CopyToAsync(file, cancellation);
            }
            string actual;
            await using (var read = File.OpenRead(temporary))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellation));
            }
            if (!string.Equals(actual, parts[1], StringComparison.OrdinalIgnoreCase))
            {
                throw new ArtifactDownloadException($"artifact from {url} has digest sha256:{actual}, expected {digest}; it was changed or corrupted in transit");
            }
            await SafeExtractor.ExtractAsync(temporary, destination, cancellation);
        }
        catch (HttpRequestException error)
        {
            throw new ArtifactDownloadException($"downloading artifact from {url} failed: {error.Message}", error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
