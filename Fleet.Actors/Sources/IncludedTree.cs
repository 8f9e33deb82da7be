namespace Fleet.Actors.Sources;

/// <summary>An included GitRepository (<see cref="Name"/>)'s artifact, downloaded and extracted, and where it goes.</summary>
public sealed record IncludedTree(string Name, string ExtractedRoot, string? FromPath, string ToPath);
