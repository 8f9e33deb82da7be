using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// The typed models of KubernetesClient, which describe every field of every built-in kind: the model of a
/// group/version/kind, and the JSON fields of a model type (from its <c>JsonPropertyName</c> attributes).
/// </summary>
public static class BuiltInModels
{
    private static readonly Dictionary<(string Group, string Version, string Kind), Type> ByKind = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(e => e.Entity is not null && !e.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(e => (e.Entity!.Group ?? "", e.Entity.ApiVersion ?? "", e.Entity.Kind ?? ""))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Fields = new();

    public static Type? Find(string group, string version, string kind) => ByKind.GetValueOrDefault((group, version, kind));

    /// <summary>JSON field name → property type of a model class.</summary>
    public static IReadOnlyDictionary<string, Type> FieldsOf(Type model) => Fields.GetOrAdd(model, t => t.GetProperties()
        .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
        .Where(p => p.Name is not null)
        .GroupBy(p => p.Name!)
        .ToDictionary(g => g.Key, g => g.First().PropertyType, StringComparer.Ordinal));

    /// <summary>Whether a model type is a struct of fields (rather than a scalar, a list or a map).</summary>
    public static bool IsModel(Type type) => type.Namespace == typeof(V1Pod).Namespace && type.IsClass && !IsScalarLike(type);

    /// <summary>IntOrString and Quantity accept a JSON string or number.</summary>
    public static bool IsScalarLike(Type type) => type.Name.Contains("IntOrString", StringComparison.Ordinal) || type == typeof(ResourceQuantity);

    /// <summary>The Go name of a model type as the server's decode errors print it: <c>V1PodSpec</c> → <c>v1.PodSpec</c>.</summary>
    public static string GoName(Type type)
    {
        var name = type.Name;
        var end = 1;
        while (end < name.Length && !char.IsUpper(name[end]))
        {
            end++;
        }

        return name.Length > 1 && name[0] == 'V' && char.IsDigit(name[1]) ? $"{name[..end].ToLowerInvariant()}.{name[end..]}" : name;
    }

    /// <summary>The Go struct name (without package) that a decode error names for a field of <paramref name="model"/>.</summary>
    public static string GoStruct(Type model) => GoName(model) is var go && go.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? go[(dot + 1)..] : go;
}
