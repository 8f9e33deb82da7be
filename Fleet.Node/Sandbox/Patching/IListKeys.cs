namespace Fleet.Node.Sandbox.Patching;

/// <summary>Tells server-side apply how each list of a kind merges.</summary>
public interface IListKeys
{
    /// <summary>The behaviour of the list at <paramref name="path"/> (dotted field names, list positions left out).</summary>
    ListSpec Resolve(string group, string kind, string path);
}
