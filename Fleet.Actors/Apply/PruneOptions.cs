namespace Fleet.Actors.Apply;

/// <summary>How a prune behaves.</summary>
public sealed record PruneOptions
{
    /// <summary>Only objects still carrying all of these labels are deleted.</summary>
    public IReadOnlyDictionary<string, string> OwnerLabels { get; init; } = new Dictionary<string, string>();
}
