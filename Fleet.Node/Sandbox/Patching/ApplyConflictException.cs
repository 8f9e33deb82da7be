namespace Fleet.Node.Sandbox.Patching;

/// <summary>A server-side apply without <c>force</c> touched fields other managers own (HTTP 409, reason Conflict).</summary>
public sealed class ApplyConflictException : Exception
{
    public ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts)
        : base(FormatMessage(conflicts)) => Conflicts = conflicts;

    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    /// <summary>The API server's message: one conflict on one line, several grouped by manager.</summary>
    public static string FormatMessage(IReadOnlyList<ApplyConflict> conflicts) => throw new NotSupportedException();
}
