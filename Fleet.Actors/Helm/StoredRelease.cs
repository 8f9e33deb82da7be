using System.Text.Json.Nodes;

namespace Fleet.Actors.Helm;

/// <summary>One revision of a Helm release as Helm keeps it in a `helm.sh/release.v1` Secret.</summary>
public sealed record StoredRelease(
    string Name,
    string Namespace,
    int Version,
    string Status,
    string ChartName,
    string ChartVersion,
    string? AppVersion,
    JsonObject Config,
    string Manifest,
    DateTime FirstDeployed,
    DateTime LastDeployed,
    DateTime? Deleted,
    string Description,
    IReadOnlyList<StoredHook> TestHooks,
    string Digest)
{
    public const string Deployed = "deployed";
    public const string Failed = "failed";
    public const string Superseded = "superseded";

    /// <summary>pending-install, pending-upgrade, pending-rollback: an action that never finished holds the release's lock.</summary>
    public bool Pending => Status.StartsWith("pending-", StringComparison.Ordinal);

    /// <summary>`name/namespace.vN` as Flux names a release revision in its messages.</summary>
    public string FullName => $"{Namespace}/{Name}.v{Version}";

    /// <summary>`chart@version` as Flux names the released chart in its messages.</summary>
    public string Chart => $"{ChartName}@{ChartVersion}";

    public string ConfigDigest => ReleaseValues.Digest(Config);
}

/// <summary>A test hook of a release with how it last ran.</summary>
public sealed record StoredHook(string Name, string? Phase, DateTime? Started, DateTime? Completed);
