namespace Fleet.Node.Sandbox.Patching;

/// <summary>The kind being walked and its list schema; strict walks reject list items that lack their keys.</summary>
internal sealed record ListContext(string Group, string Kind, IListKeys Lists, bool Strict)
{
    public ListSpec Resolve(string path) => Lists.Resolve(Group, Kind, path);

    public bool IsAtomicMap(string path) => Lists is ListSchema schema && schema.IsAtomicMap(Group, Kind, path);
}
