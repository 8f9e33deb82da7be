using Fleet.Messages.Api;

namespace Fleet.Node.Commands.Cli;

/// <summary>A kind as flux's verbs name it: the words after the verb (<c>source git</c>) and its Flux kind.</summary>
/// <param name="Group">The parent word (<c>source</c>, <c>image</c>), or null for a top-level kind.</param>
/// <param name="Word">The leaf word (<c>git</c>, <c>kustomization</c>).</param>
/// <param name="Aliases">Other names of the leaf (<c>ks</c>).</param>
public sealed record VerbKind(string? Group, string Word, string[] Aliases, FluxKind Kind)
{
    /// <summary>Flux's "human kind" in progress lines: <c>source git</c>, <c>kustomization</c>.</summary>
    public string HumanKind => Group is null ? Word : $"{Group} {Word}";

    public static readonly IReadOnlyList<VerbKind> All =
    [
        new("source", "git", [], FluxKinds.GitRepository),
        new("source", "helm", [], FluxKinds.HelmRepository),
        new("source", "oci", [], FluxKinds.OCIRepository),
        new("source", "bucket", [], FluxKinds.Bucket),
        new("source", "chart", [], FluxKinds.HelmChart),
        new(null, "kustomization", ["ks"], FluxKinds.Kustomization),
        new(null, "helmrelease", ["hr"], FluxKinds.HelmRelease),
        new("image", "repository", [], FluxKinds.ImageRepository),
        new("image", "policy", [], FluxKinds.ImagePolicy),
        new("image", "update", [], FluxKinds.ImageUpdateAutomation),
        new(null, "alert", [], FluxKinds.Alert),
        new(null, "alert-provider", [], FluxKinds.Provider),
        new(null, "receiver", [], FluxKinds.Receiver),
    ];

    public static VerbKind Of(FluxKind kind) => All.First(k => k.Kind == kind);

    /// <summary>Reads <c>Kind/name</c> or <c>kind/name</c> (also the short names kubectl knows, <c>ks/apps</c>).</summary>
    public static (FluxKind Kind, string Name) ParseReference(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == reference.Length - 1)
        {
            throw new CliException($"invalid reference '{reference}', expected <Kind>/<name>");
        }
        var word = reference[..slash];
        var kind = FluxKinds.All.FirstOrDefault(k =>
            string.Equals(k.Kind, word, StringComparison.OrdinalIgnoreCase)
            || k.Plural == word.ToLowerInvariant()
            || k.Singular == word.ToLowerInvariant()
            || k.ShortNames.Contains(word.ToLowerInvariant()))
            ?? throw new CliException($"unknown kind '{word}' (one of {string.Join(", ", FluxKinds.All.Select(k => k.Kind))})");
        return (kind, reference[(slash + 1)..]);
    }
}
