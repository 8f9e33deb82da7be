namespace Fleet.Actors.Apply;

/// <summary>Where a kind lives in the API: its resource (plural) name and whether it is namespaced.</summary>
public sealed record RestMapping(string Plural, bool Namespaced);
