namespace Fleet.Messages.Entities;

/// <summary>An event an entity persists to its journal.</summary>
public interface IEntityEvent : IFleetMessage;
