namespace Fleet.Node.Admin;

/// <summary>Where a node serves its admin API and which bearer tokens it accepts (each read from a file, e.g. a mounted Secret).</summary>
public sealed record AdminSettings
{
    /// <summary>The admin HTTP port; null leaves the admin API off, 0 picks a free port.</summary>
    public int? Port { get; init; }

    /// <summary>The address the admin API binds; loopback unless set, so only this machine can reach it by default.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>File holding the token for reads and actions (leave, down, reconcile); required when the admin API is on.</summary>
    public string? TokenFile { get; init; }

    /// <summary>File holding a token that may only read; its holder gets 403 on actions.</summary>
    public string? ReadTokenFile { get; init; }
}
