namespace Fleet.Messages;

/// <summary>
/// Marks every message that crosses an actor or node boundary or is persisted; Fleet's serializer
/// is bound to this interface, so each such type needs a stable manifest.
/// </summary>
public interface IFleetMessage;
