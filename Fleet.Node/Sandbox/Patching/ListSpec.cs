namespace Fleet.Node.Sandbox.Patching;

/// <summary>The merge behaviour of one list field; <see cref="Keys"/> is non-empty only for <see cref="ListType.Map"/>.</summary>
public sealed record ListSpec(ListType Type, IReadOnlyList<string> Keys)
{
    public static readonly ListSpec Atomic = new(ListType.Atomic, []);

    public static readonly ListSpec Set = new(ListType.Set, []);

    public static ListSpec Map(params string[] keys) => new(ListType.Map, keys);
}
