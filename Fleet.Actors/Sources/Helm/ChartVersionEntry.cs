using Fleet.Actors.Sources.SemVer;

namespace Fleet.Actors.Sources.Helm;

/// <summary>One chart version listed in a repository index: where to download it and what digest it should have.</summary>
public sealed record ChartVersionEntry(string Name, string Version, SemanticVersion Semantic, IReadOnlyList<string> Urls, string? Digest, DateTimeOffset? Created);
