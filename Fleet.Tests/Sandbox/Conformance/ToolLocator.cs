namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>
/// Finds the real binaries the conformance checks run: an explicit <c>FLEET_*</c> variable, then
/// <c>$FLEET_TOOLS_DIR/bin</c>, then the repository's <c>.tools/bin</c>, then <c>PATH</c>. A missing binary fails the
/// test with the places searched (never a silent pass): run <c>scripts/install-tools</c>.
/// </summary>
public static class ToolLocator
{
    public static string Kubectl132 => Find("kubectl", "FLEET_KUBECTL_132", fixedPath: "/usr/bin/kubectl");

    public static string Kubectl133 => Find("kubectl-1.33", "FLEET_KUBECTL");

    public static string Helm => Find("helm", "FLEET_HELM");

    private static string Find(string name, string variable, string? fixedPath = null)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } explicitPath)
        {
            candidates.Add(explicitPath);
        }

        if (fixedPath is not null)
        {
            candidates.Add(fixedPath);
        }

        if (Environment.GetEnvironmentVariable("FLEET_TOOLS_DIR") is { Length: > 0 } toolsDir)
        {
            candidates.Add(Path.Combine(toolsDir, "bin", name));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fleet.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, ".tools", "bin", name));
                break;
            }
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, name)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} not found (looked in: {string.Join(", ", candidates.Distinct())}); run scripts/install-tools or set {variable} / FLEET_TOOLS_DIR");
    }
}
