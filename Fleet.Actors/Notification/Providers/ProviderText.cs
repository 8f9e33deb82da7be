using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>The pieces of text Flux's notifiers share: object names, descriptions from reasons, revisions, Git addresses, JSON.</summary>
public static class ProviderText
{
    private static readonly JsonSerializerOptions BodyOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A JSON body as the services expect it (UTF-8 text unescaped).</summary>
    public static string Json(JsonNode node) => node.ToJsonString(BodyOptions);

    /// <summary>The event as Flux's generic webhook posts it.</summary>
    public static string Json(FluxEvent @event) => JsonSerializer.Serialize(@event, BodyOptions);

    public static JsonNode EventNode(FluxEvent @event) => JsonSerializer.SerializeToNode(@event, BodyOptions)!;

    /// <summary><c>kustomization/podinfo.flux-system</c>.</summary>
    public static string ObjectName(FluxEvent @event) =>
        $"{@event.InvolvedObject.Kind.ToLowerInvariant()}/{@event.InvolvedObject.Name}.{@event.InvolvedObject.Namespace}";

    /// <summary>Flux's <c>formatNameAndDescription</c>: <c>kustomization/podinfo</c> and the reason in words (<c>reconciliation succeeded</c>).</summary>
    public static (string Name, string Description) NameAndDescription(FluxEvent @event) =>
        ($"{@event.InvolvedObject.Kind}/{@event.InvolvedObject.Name}".ToLowerInvariant(), string.Join(" ", SplitCamelCase(@event.Reason)).ToLowerInvariant());

    /// <summary>The metadata in key order (Go ranges over a map in random order; a fixed order keeps payloads stable).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Metadata(FluxEvent @event) =>
        (@event.Metadata ?? new Dictionary<string, string>()).OrderBy(m => m.Key, StringComparer.Ordinal);

    public static bool IsError(FluxEvent @event) => @event.Severity == EventSeverities.Error;

    public static bool IsProgressing(FluxEvent @event) => @event.Reason == ConditionReasons.Progressing;

    /// <summary>The commit a revision names (<c>main@sha1:abc…</c> → <c>abc…</c>); refused when it names none.</summary>
    public static string CommitOf(FluxEvent @event)
    {
        var revision = @event.Metadata?.GetValueOrDefault(EventMetadata.RevisionKey)
            ?? throw new ProviderRefusedException("missing revision metadata");
        var digest = revision[(revision.LastIndexOf('@') + 1)..];
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var hash = colon >= 0 ? digest[(colon + 1)..] : digest;
        var algorithm = colon >= 0 ? digest[..colon] : hash.Length == 40 ? "sha1" : "";
        return algorithm is "sha1" or "sha256" && hash.Length is 40 or 64 && hash.All(Uri.IsHexDigit)
            ? hash
            : throw new ProviderRefusedException($"failed to extract commit hash from '{revision}' revision");
    }

    /// <summary>A Git address as <c>(https://host, owner/repo)</c>: ssh becomes https, <c>.git</c> is dropped.</summary>
    public static (string Host, string Id) GitAddress(string address)
    {
        if (address.StartsWith("git@", StringComparison.Ordinal) && address.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            address = $"ssh://{address[4..colon]}/{address[(colon + 1)..]}";
        }
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            throw new ProviderRefusedException($"failed parsing URL \"{Redacted(address)}\": not an absolute URL");
        }
        var scheme = url.Scheme == "ssh" ? "https" : url.Scheme;
        var id = url.AbsolutePath.TrimStart('/');
        id = id.EndsWith(".git", StringComparison.Ordinal) ? id[..^4] : id;
        return ($"{scheme}://{url.Authority}", Uri.UnescapeDataString(id));
    }

    /// <summary><c>owner/repo</c> of a Git address, refused unless it has exactly two parts.</summary>
    public static (string Host, string Owner, string Repo) OwnerAndRepo(string address)
    {
        var (host, id) = GitAddress(address);
        var parts = id.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? (host, parts[0], parts[1])
            : throw new ProviderRefusedException($"invalid repository id \"{id}\": expected owner/repository");
    }

    public static Uri Url(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ProviderRefusedException($"invalid address \"{Redacted(address)}\": expected an http(s) URL");

    public static string Sha1Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Basic(string username, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    public static KeyValuePair<string, string> Header(string name, string value) => KeyValuePair.Create(name, value);

    public static KeyValuePair<string, string> Bearer(string token) => Header("Authorization", "Bearer " + token);

    public static string RequireToken(ProviderSettings provider, string what) =>
        provider.Token is { Length: > 0 } token ? token : throw new ProviderRefusedException($"{what} cannot be empty");

    /// <summary>RFC 3339 to the second, as Go's <c>time.RFC3339</c> writes a UTC time.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Flux's <c>splitCamelcase</c>: runs of lower, upper, digit and other characters, with an upper run's last letter moved to
    /// the lower run after it (<c>HealthCheckFailed</c> → Health Check Failed, <c>DNSError</c> → DNS Error).
    /// </summary>
    public static IReadOnlyList<string> SplitCamelCase(string text)
    {
        var runs = new List<StringBuilder>();
        var last = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var cls = Rune.IsLower(rune) ? 1 : Rune.IsUpper(rune) ? 2 : Rune.IsDigit(rune) ? 3 : 4;
            if (cls == last)
            {
                runs[^1].Append(rune.ToString());
            }
            else
            {
                runs.Add(new StringBuilder(rune.ToString()));
            }
            last = cls;
        }
        for (var i = 0; i < runs.Count - 1; i++)
        {
            if (char.IsUpper(runs[i][0]) && char.IsLower(runs[i + 1][0]))
            {
                runs[i + 1].Insert(0, runs[i][^1]);
                runs[i].Length--;
            }
        }
        return [.. runs.Select(r => r.ToString()).Where(r => r.Length > 0)];
    }

    /// <summary>An address without its path and query, which often carry a webhook's secret.</summary>
    public static string Redacted(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Authority}/…" : "(unparsable)";
}
