namespace Fleet.Actors.Sources;

/// <summary>
/// The fields of one kind's spec that Fleet refuses rather than ignores: a spec that sets any of them ends Stalled with a
/// message naming each, and no artifact is produced for it.
/// </summary>
public sealed class UnsupportedFields<TSpec>(params IReadOnlyList<UnsupportedField<TSpec>> fields)
{
    public FieldRefusal? Check(TSpec spec)
    {
        var refused = new List<UnsupportedField<TSpec>>();
        var settings = new List<string>();
        foreach (var field in fields)
        {
            if (field.Setting(spec) is { } setting)
            {
                refused.Add(field);
                settings.Add(setting);
            }
        }
        return refused.Count == 0 ? null : new FieldRefusal(settings, refused[0].Reason, refused[0].Condition, Message(settings));
    }

    public static string Message(IReadOnlyList<string> settings) =>
        $"{string.Join(", ", settings)} {(settings.Count == 1 ? "is" : "are")} not supported by this version of Fleet yet";
}
