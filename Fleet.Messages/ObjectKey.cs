namespace Fleet.Messages;

/// <summary>Identifies one reconciled object: its Flux kind, namespace and name.</summary>
public sealed record ObjectKey(string Kind, string Namespace, string Name)
{
    /// <summary>The sharding entity id: <c>namespace/name</c>, unique within a kind.</summary>
    public string EntityId => $"{Namespace}/{Name}";

    /// <summary>The persistence id: <c>Kind/namespace/name</c>, unique within the journal.</summary>
    public string PersistenceId => $"{Kind}/{Namespace}/{Name}";

    public override string ToString() => PersistenceId;
}
