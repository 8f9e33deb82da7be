using Microsoft.Extensions.Logging;

namespace Fleet.Node.Sandbox;

/// <summary>How to run <see cref="FleetSandbox"/>.</summary>
public sealed record FleetSandboxOptions
{
    /// <summary>Holds the example repository (kept across runs) and the node's files (fresh each run).</summary>
    public string DataDir { get; init; } = Path.Combine(".fleet", "sandbox");

    public string KubeconfigOut { get; init; } = Path.Combine(".fleet", "sandbox.kubeconfig");

    /// <summary>The API server's loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The least severe node log line written; the sandbox's own progress lines are the story by default.</summary>
    public LogLevel NodeLogLevel { get; init; } = LogLevel.Warning;
}
