namespace Fleet.Node.Sandbox.Store;

/// <summary>What a store write did.</summary>
public enum WriteOutcome
{
    /// <summary>Nothing changed: no resourceVersion bump, no event.</summary>
    Unchanged,
    Created,
    Updated,
    Deleted,
}
