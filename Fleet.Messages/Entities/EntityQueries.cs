namespace Fleet.Messages.Entities;

/// <summary>Questions an entity answers about itself.</summary>
public static class EntityQueries
{
    /// <summary>Asks for the entity's state; answered with <see cref="EntityStateReply"/>.</summary>
    public sealed record GetEntityState(ObjectKey Key) : IWithObjectKey;

    /// <summary>The entity's persisted state and where it runs.</summary>
    public sealed record EntityStateReply(ObjectKey Key, string NodeAddress, EntityState State, bool Reconciling) : IWithObjectKey;
}
