using System.Globalization;
using Fleet.Node.Sandbox.Git;

namespace Fleet.Bench;

/// <summary>Small git repositories made with the git CLI: a handful of manifests on branch main, as a config repository holds.</summary>
public static class ServedRepositories
{
    private static readonly Dictionary<string, string?> BenchIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "bench",
        ["GIT_AUTHOR_EMAIL"] = "bench@example.invalid",
        ["GIT_COMMITTER_NAME"] = "bench",
        ["GIT_COMMITTER_EMAIL"] = "bench@example.invalid",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };

    public static async Task<IReadOnlyList<string>> CreateAsync(string root, int count)
    {
        var names = new List<string>();
        for (var r = 0; r < count; r++)
        {
            var name = $"repo-{r.ToString(CultureInfo.InvariantCulture)}";
            var directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            await GitAsync(directory, "init", "-q", "-b", "main");
            for (var f = 0; f < 5; f++)
            {
                var app = $"app-{f.ToString(CultureInfo.InvariantCulture)}";
                Directory.CreateDirectory(Path.Combine(directory, "deploy"));
                File.WriteAllText(Path.Combine(directory, "deploy", app + ".yaml"), $"""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {app}
                      namespace: {name}
                    data:
                      repository: {name}
                      replicas: "{f + 1}"
                    """ + "\n");
            }
            await GitAsync(directory, "add", "-A");
            await GitAsync(directory, "commit", "-q", "-m", "manifests");
            names.Add(name);
        }
        return names;
    }

    internal static Task GitAsync(string directory, params string[] arguments) => SandboxGit.RunAsync(directory, arguments, BenchIdentity);
}
