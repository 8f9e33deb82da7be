namespace Fleet.Actors.Sources;

/// <summary>An included GitRepository's artifact, already downloaded and extracted, and where it goes.</summary>
public sealed record IncludedTree(string ExtractedRoot, string? FromPath, string ToPath);
