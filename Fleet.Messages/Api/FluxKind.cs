namespace Fleet.Messages.Api;

/// <summary>
/// Describes one Flux kind: where it lives in the API, how Fleet names its shard region,
/// and which CLR type carries it.
/// </summary>
public sealed record FluxKind(
    string Kind,
    string Group,
    string Version,
    string Plural,
    string Singular,
    IReadOnlyList<string> ShortNames,
    string ShardTypeName,
    Type ClrType,
    bool Reconciled = true)
{
    /// <summary>Older versions still accepted and served with the same schema (e.g. image v1beta2).</summary>
    public IReadOnlyList<string> AlternateVersions { get; init; } = [];

    /// <summary>The Flux controller that owns the kind (<c>source-controller</c>, ...); Events about its objects name it.</summary>
    public required string Controller { get; init; }

    public string ApiVersion => $"{Group}/{Version}";

    public string CrdName => $"{Plural}.{Group}";
}
