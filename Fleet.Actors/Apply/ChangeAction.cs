namespace Fleet.Actors.Apply;

/// <summary>What applying or pruning did to one object, as Flux reports it in a change set.</summary>
public enum ChangeAction
{
    Created,
    Configured,
    Unchanged,
    Deleted,
    Skipped,
    Unknown,
}
