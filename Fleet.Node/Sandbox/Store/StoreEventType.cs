namespace Fleet.Node.Sandbox.Store;

/// <summary>The kind of change a store event records; the names match the watch event types.</summary>
public enum StoreEventType
{
    Added,
    Modified,
    Deleted,
}
