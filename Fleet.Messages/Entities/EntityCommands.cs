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

    /// <summary>
    /// <paramref name="Subscriber"/> wants <see cref="ArtifactPublished"/> whenever the source <paramref name="Key"/>
    /// reaches a new revision; the source persists it, so the subscription survives restarts and moves.
    /// </summary>
    public sealed record Subscribe(ObjectKey Key, ObjectKey Subscriber) : IWithObjectKey;

    /// <summary><paramref name="Subscriber"/> no longer follows the source <paramref name="Key"/>.</summary>
    public sealed record Unsubscribe(ObjectKey Key, ObjectKey Subscriber) : IWithObjectKey;

    /// <summary>The source <paramref name="Source"/> published <paramref name="Revision"/>; sent to the subscriber <paramref name="Key"/>.</summary>
    public sealed record ArtifactPublished(ObjectKey Key, ObjectKey Source, string Revision) : IWithObjectKey;
}
