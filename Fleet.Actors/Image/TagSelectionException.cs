namespace Fleet.Actors.Image;

/// <summary>
/// An ImagePolicy that cannot pick a tag: <see cref="InvalidSpec"/> when its policy, range or pattern is wrong (only a new
/// spec helps), otherwise because no tag of the repository satisfies it (a later scan may bring one).
/// </summary>
public sealed class TagSelectionException(string message, bool invalidSpec) : Exception(message)
{
    public bool InvalidSpec { get; } = invalidSpec;
}
