namespace Fleet.Actors.Apply;

/// <summary>One stage of a staged apply: its objects, and whether they must become Current before the next stage.</summary>
public sealed record ApplyStage<T>(string Name, IReadOnlyList<T> Objects, bool Wait);
