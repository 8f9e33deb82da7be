namespace Fleet.Messages;

/// <summary>A message addressed to the entity of one object; shard routing reads the key.</summary>
public interface IWithObjectKey : IFleetMessage
{
    ObjectKey Key { get; }
}
