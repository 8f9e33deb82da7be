namespace Fleet.Node.Sandbox.Patching;

/// <summary>A server-side apply without <c>force</c> touched fields other managers own (HTTP 409, reason Conflict).</summary>
public sealed class ApplyConflictException : Exception
{
    public ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts)
        : base(FormatMessage(conflicts)) => Conflicts = conflicts;

    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    /// <summary>The API server's message: one conflict on one line, several grouped by manager.</summary>
    public static string FormatMessage(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: {conflicts[0].Message}: {conflicts[0].Field}";
        }

        var lines = conflicts
            .GroupBy(c => (c.Manager, c.Operation, c.Subresource, c.ApiVersion))
            .OrderBy(g => g.Key.Manager, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Operation, StringComparer.Ordinal)
            .SelectMany(g => g.Select(c => "- " + c.Field).Prepend("conflicts with " + g.First().ManagerDescription + ":"));
        return $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
    }
}
