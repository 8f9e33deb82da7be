namespace Fleet.Actors.Sources.Helm;

/// <summary>The environment helm runs in: its config, cache and data under a directory of the node's, nothing from the user's home.</summary>
public static class HelmEnvironment
{
    public static IReadOnlyDictionary<string, string?> For(string home) => new Dictionary<string, string?>
    {
        ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
        ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
        ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
        ["HELM_REGISTRY_CONFIG"] = Path.Combine(home, "config", "registry.json"),
    };
}
