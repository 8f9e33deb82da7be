namespace Fleet.Actors.Apply;

/// <summary>One object of a change set and what happened to it.</summary>
public sealed record ChangeSetEntry(ObjectRef Object, ChangeAction Action)
{
    /// <summary>True when the object was written or deleted, or its fate is unknown: the lines events and logs list.</summary>
    public bool IsChange => Action is not (ChangeAction.Unchanged or ChangeAction.Skipped);

    /// <summary>Flux's line format, e.g. <c>ConfigMap/default/x created</c>.</summary>
    public override string ToString() => $"{Object.Subject} {Action.ToString().ToLowerInvariant()}";
}
