using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Fleet.Actors.Helm;

/// <summary>
/// Reads Helm's own release storage (Secrets of type `helm.sh/release.v1`, labelled `owner=helm,name=&lt;release&gt;`),
/// so Fleet reports exactly what `helm history` shows, whoever made the revisions. A release payload is base64 of
/// gzipped JSON, inside the Secret's (itself base64) `release` key.
/// </summary>
public static class HelmStorage
{
    /// <summary>Every stored revision of <paramref name="release"/>, newest first.</summary>
    public static async Task<IReadOnlyList<StoredRelease>> HistoryAsync(IKubernetes client, string storageNamespace, string release, CancellationToken cancellation)
    {
        var secrets = await client.CoreV1.ListNamespacedSecretAsync(storageNamespace, labelSelector: $"owner=helm,name={release}", cancellationToken: cancellation);
        return [.. secrets.Items
            .Where(s => s.Type == "helm.sh/release.v1" && s.Data?.ContainsKey("release") == true)
            .Select(s => Decode(s.Data["release"]))
            .OrderByDescending(r => r.Version)];
    }

    /// <summary>A release from the bytes of a storage Secret's `release` key.</summary>
    public static StoredRelease Decode(byte[] payload)
    {
        var compressed = Convert.FromBase64String(Encoding.ASCII.GetString(payload));
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var json = new MemoryStream();
        input.CopyTo(json);
        var bytes = json.ToArray();
        var release = JsonNode.Parse(bytes)?.AsObject() ?? throw new JsonException("the release payload is not a JSON object");
        var info = release["info"] as JsonObject ?? [];
        var metadata = release["chart"]?["metadata"] as JsonObject ?? [];
        return new StoredRelease(
            Text(release, "name"),
            Text(release, "namespace"),
            release["version"]?.GetValue<int>() ?? 0,
            Text(info, "status"),
            Text(metadata, "name"),
            Text(metadata, "version"),
            metadata["appVersion"]?.GetValue<string>(),
            release["config"] as JsonObject ?? [],
            Text(release, "manifest"),
            Time(info, "first_deployed") ?? default,
            Time(info, "last_deployed") ?? default,
            Time(info, "deleted"),
            Text(info, "description"),
            TestHooks(release["hooks"] as JsonArray),
            "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
    }

    private static List<StoredHook> TestHooks(JsonArray? hooks) =>
        [.. (hooks ?? [])
            .OfType<JsonObject>()
            .Where(h => (h["events"] as JsonArray)?.Any(e => e?.GetValue<string>() == "test") == true)
            .Select(h => new StoredHook(
                Text(h, "name"),
                h["last_run"]?["phase"]?.GetValue<string>() is { Length: > 0 } phase ? phase : null,
                Time(h["last_run"] as JsonObject, "started_at"),
                Time(h["last_run"] as JsonObject, "completed_at")))];

    private static string Text(JsonObject node, string field) => node[field]?.GetValue<string>() ?? "";

    /// <summary>Go's zero time ("0001-01-01T00:00:00Z") is how helm writes a time that never happened.</summary>
    private static DateTime? Time(JsonObject? node, string field) =>
        node?[field]?.GetValue<string>() is { Length: > 0 } text && DateTime.TryParse(text, null, System.Globalization.DateTimeStyles.AdjustToUniversal, out var time) && time.Year > 1
            ? time
            : null;
}
