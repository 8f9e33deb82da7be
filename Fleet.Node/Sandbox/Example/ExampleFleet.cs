using System.Reflection;

namespace Fleet.Node.Sandbox.Example;

/// <summary>The files of the example repository the sandbox syncs, embedded in the executable from Sandbox/ExampleFleet.</summary>
public static class ExampleFleet
{
    private const string Prefix = "ExampleFleet/";

    /// <summary>Each file's path in the repository (with '/') and its content.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = Load();

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(ExampleFleet).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            using var reader = new StreamReader(Open(assembly, name));
            files[path[Prefix.Length..]] = reader.ReadToEnd();
        }
        return files;
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} is missing");
}
