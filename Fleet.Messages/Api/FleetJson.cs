using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Fleet.Messages.Api;

/// <summary>
/// The JSON conventions of Kubernetes objects (KubernetesClient's options: camelCase, nulls omitted,
/// RFC 3339 times, quantities), usable with a runtime <see cref="Type"/>.
/// </summary>
public static class FleetJson
{
    public static JsonSerializerOptions Options { get; } = CaptureKubernetesOptions();

    public static object? Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static T? Deserialize<T>(JsonNode node) => node.Deserialize<T>(Options);

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    public static JsonNode? SerializeToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Options);

    private static JsonSerializerOptions CaptureKubernetesOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not expose its JSON options");
    }
}
