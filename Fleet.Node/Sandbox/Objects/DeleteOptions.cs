namespace Fleet.Node.Sandbox.Objects;

/// <summary>A DELETE's options (query or <c>DeleteOptions</c> body): propagation policy, dry run, preconditions.</summary>
public sealed record DeleteOptions(string? PropagationPolicy = null, bool DryRun = false, string? PreconditionUid = null, string? PreconditionResourceVersion = null)
{
    public static DeleteOptions Default { get; } = new();
}
