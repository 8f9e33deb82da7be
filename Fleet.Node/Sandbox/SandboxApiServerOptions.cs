namespace Fleet.Node.Sandbox;

/// <summary>How to run a sandbox API server.</summary>
public sealed record SandboxApiServerOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>When set, every request must carry <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Authorize requests with the stored Roles, ClusterRoles and bindings instead of allowing everything.</summary>
    public bool Rbac { get; init; }

    /// <summary>How often an idle watch with <c>allowWatchBookmarks</c> gets a BOOKMARK (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many changes the event log keeps for watch resumption; older resourceVersions get 410 Expired.</summary>
    public int EventLogCapacity { get; init; } = 10_000;
}
