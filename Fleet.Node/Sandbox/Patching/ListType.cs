namespace Fleet.Node.Sandbox.Patching;

/// <summary>How a list merges: replaced whole, as a set of scalars, or as a map keyed by some fields.</summary>
public enum ListType
{
    Atomic,
    Set,
    Map,
}
