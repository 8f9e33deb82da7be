namespace Fleet.Messages.Entities;

/// <summary>Commands every reconciled object's entity accepts, whatever its kind.</summary>
public static class EntityCommands
{
    /// <summary>The API watch saw the object created or changed; <paramref name="ObjectJson"/> is the whole object.</summary>
    public sealed record ObserveObject(ObjectKey Key, string ObjectJson) : IWithObjectKey;

    /// <summary>The object is gone from the API.</summary>
    public sealed record ForgetObject(ObjectKey Key) : IWithObjectKey;

    /// <summary>Reconcile now (webhook receiver, admin console), outside the interval.</summary>
    public sealed record RequestReconcile(ObjectKey Key, string? Token) : IWithObjectKey;
}
