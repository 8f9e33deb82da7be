using Fleet.Messages.Api.Source;

namespace Fleet.Messages.Api;

/// <summary>Every Flux kind Fleet serves, in one table that routing, watching and the CRDs read.</summary>
public static class FluxKinds
{
    public static readonly FluxKind GitRepository = new(
        "GitRepository", FluxGroups.Source, "v1", "gitrepositories", "gitrepository", ["gitrepo"], "git-repository", typeof(GitRepository));

    public static readonly IReadOnlyList<FluxKind> All = [GitRepository];

    public static FluxKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
