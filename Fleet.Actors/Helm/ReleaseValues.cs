using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Meta;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Helm;

/// <summary>
/// The values of a release in helm-controller's order: each `valuesFrom` entry merged over the ones before it (a
/// `targetPath` entry sets the one value at that path instead), then the inline `values` over all of them.
/// </summary>
public static class ReleaseValues
{
    public const string DefaultValuesKey = "values.yaml";

    /// <summary>Flux's reason for values that could not be composed.</summary>
    public const string ValuesError = "ValuesError";

    /// <exception cref="ValuesReferenceException">A reference that is not optional is missing or unreadable.</exception>
    public static async Task<JsonObject> ComposeAsync(IKubernetes client, string ns, IReadOnlyList<ValuesReference>? references, JsonObject? inline, CancellationToken cancellation)
    {
        var result = new JsonObject();
        foreach (var reference in references ?? [])
        {
            if (await ReadAsync(client, ns, reference, cancellation) is not { } data)
            {
                continue;
            }
            if (reference.TargetPath is { Length: > 0 } path)
            {
                SetPath(result, path, reference.Literal == true ? JsonValue.Create(data) : Typed(data), reference, ns);
                continue;
            }
            JsonNode? parsed;
            try
            {
                parsed = YamlJson.ParseSingle(data);
            }
            catch (FormatException error)
            {
                throw Error(reference, ns, $"failed to read values data: {error.Message}");
            }
            if (parsed is JsonObject values)
            {
                Merge(result, values);
            }
            else if (parsed is not null)
            {
                throw Error(reference, ns, "failed to read values data: the values are not a YAML mapping");
            }
        }
        if (inline is not null)
        {
            Merge(result, inline);
        }
        return result;
    }

    /// <summary>`sha256:&lt;hex&gt;` of the values as canonical JSON (keys sorted), Flux's config digest.</summary>
    public static string Digest(JsonObject values) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(YamlJson.ToCompactJson(JsonKeyOrder.Sorted(values))))).ToLowerInvariant();

    /// <summary>Helm's coalescing merge: maps merge key by key, anything else from <paramref name="overlay"/> replaces.</summary>
    public static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject nested && target[key] is JsonObject existing)
            {
                Merge(existing, nested);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static async Task<string?> ReadAsync(IKubernetes client, string ns, ValuesReference reference, CancellationToken cancellation)
    {
        var key = reference.ValuesKey is { Length: > 0 } named ? named : DefaultValuesKey;
        IDictionary<string, string>? data;
        try
        {
            data = reference.Kind switch
            {
                "Secret" => (await client.CoreV1.ReadNamespacedSecretAsync(reference.Name, ns, cancellationToken: cancellation)).Data?
                    .ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value)),
                "ConfigMap" => (await client.CoreV1.ReadNamespacedConfigMapAsync(reference.Name, ns, cancellationToken: cancellation)).Data,
                _ => throw Error(reference, ns, "unsupported values reference kind"),
            };
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return reference.Optional == true
                ? null
                : throw Error(reference, ns, $"{reference.Kind.ToLowerInvariant()}s \"{reference.Name}\" not found");
        }
        catch (HttpOperationException error)
        {
            throw Error(reference, ns, Apply.ApiError.From(error).Message);
        }
        if (data is not null && data.TryGetValue(key, out var value))
        {
            return value;
        }
        return reference.Optional == true ? null : throw Error(reference, ns, "key not found");
    }

    /// <summary>helm-controller's wording: `could not resolve [optional] Secret chart values reference 'ns/name' with key 'k': why`.</summary>
    private static ValuesReferenceException Error(ValuesReference reference, string ns, string why)
    {
        var optional = reference.Optional == true ? " optional" : "";
        var key = reference.ValuesKey is { Length: > 0 } named ? named : DefaultValuesKey;
        return new ValuesReferenceException($"could not resolve{optional} {reference.Kind} chart values reference '{ns}/{reference.Name}' with key '{key}': {why}");
    }

    /// <summary>As `helm --set` reads a value: booleans, null and integers typed, anything else a string.</summary>
    private static JsonNode? Typed(string text) =>
        text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && !(text.Length > 1 && text[0] == '0') => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };

    /// <summary>Sets the value at a `--set` style path (`a.b`, `list[0]`, `\.` for a dot in a key), creating what is missing.</summary>
    private static void SetPath(JsonObject root, string path, JsonNode? value, ValuesReference reference, string ns)
    {
        var steps = Steps(path);
        JsonNode current = root;
        for (var i = 0; i < steps.Count; i++)
        {
            var last = i == steps.Count - 1;
            var (name, index) = steps[i];
            if (current is not JsonObject obj)
            {
                throw Error(reference, ns, $"failed to merge value: '{path}' crosses a value that is not a map");
            }
            if (index is not { } at)
            {
                if (last)
                {
                    obj[name] = value;
                    return;
                }
                current = obj[name] as JsonObject ?? (JsonNode)(obj[name] = new JsonObject());
                continue;
            }
            var list = obj[name] as JsonArray ?? (JsonArray)(obj[name] = new JsonArray());
            if (at > 65535)
            {
                throw Error(reference, ns, $"failed to merge value: index {at} of '{path}' is too large");
            }
            while (list.Count <= at)
            {
                list.Add(null);
            }
            if (last)
            {
                list[at] = value;
                return;
            }
            current = list[at] as JsonObject ?? (JsonNode)(list[at] = new JsonObject());
        }
    }

    private static List<(string Name, int? Index)> Steps(string path)
    {
        var steps = new List<(string, int?)>();
        var name = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' && i + 1 < path.Length)
            {
                name.Append(path[++i]);
            }
            else if (c == '.')
            {
                steps.Add((name.ToString(), null));
                name.Clear();
            }
            else if (c == '[' && path.IndexOf(']', i) is var close and > 0 && int.TryParse(path.AsSpan(i + 1, close - i - 1), CultureInfo.InvariantCulture, out var index))
            {
                steps.Add((name.ToString(), index));
                name.Clear();
                i = close;
                if (i + 1 < path.Length && path[i + 1] == '.')
                {
                    i++;
                }
            }
            else
            {
                name.Append(c);
            }
        }
        if (name.Length > 0)
        {
            steps.Add((name.ToString(), null));
        }
        return steps;
    }
}
