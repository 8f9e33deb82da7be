namespace Fleet.Actors.Sources.Helm;

/// <summary>The helm binary charts are packaged with: `FLEET_HELM`, else `helm` on PATH.</summary>
public static class HelmTool
{
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("FLEET_HELM") is { Length: > 0 } configured)
        {
            return configured;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "helm"))
            .FirstOrDefault(File.Exists);
    }
}
