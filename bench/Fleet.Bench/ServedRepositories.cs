using System.Diagnostics;
using System.Globalization;

namespace Fleet.Bench;

/// <summary>Small git repositories made with the git CLI: a handful of manifests on branch main, as a config repository holds.</summary>
public static class ServedRepositories
{
    public static IReadOnlyList<string> Create(string root, int count)
    {
        var names = new List<string>();
        for (var r = 0; r < count; r++)
        {
            var name = $"repo-{r.ToString(CultureInfo.InvariantCulture)}";
            var directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            Git(directory, "init", "-q", "-b", "main");
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
            Git(directory, "add", "-A");
            Git(directory, "commit", "-q", "-m", "manifests");
            names.Add(name);
        }
        return names;
    }

    internal static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardError = true };
        foreach (var (key, value) in new[] { ("GIT_AUTHOR_NAME", "bench"), ("GIT_AUTHOR_EMAIL", "bench@example.invalid"), ("GIT_COMMITTER_NAME", "bench"), ("GIT_COMMITTER_EMAIL", "bench@example.invalid"), ("GIT_CONFIG_GLOBAL", "/dev/null") })
        {
            start.Environment[key] = value;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
