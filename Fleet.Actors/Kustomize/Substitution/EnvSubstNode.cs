namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>A parsed piece of text: literal text, a `${…}` expression, or a sequence of both.</summary>
internal abstract record EnvSubstNode
{
    internal sealed record Text(string Value) : EnvSubstNode;

    /// <summary>`${Param}` with an operator <see cref="Name"/> (":-", "/", "#", … or empty) and its arguments.</summary>
    internal sealed record Function(string Param, string Name, IReadOnlyList<EnvSubstNode> Args) : EnvSubstNode;

    internal sealed record Sequence(IReadOnlyList<EnvSubstNode> Nodes) : EnvSubstNode;
}
