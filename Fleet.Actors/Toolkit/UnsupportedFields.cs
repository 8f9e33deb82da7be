namespace Fleet.Actors.Toolkit;

/// <summary>
/// The fields of one kind's spec that Fleet refuses rather than ignores: a spec that sets any of them ends Stalled with a
/// message naming each (the first alone, in its own words, when it has a <see cref="UnsupportedField{TSpec}.Wording"/>), and
/// nothing is produced for it.
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
        if (refused.Count == 0)
        {
            return null;
        }
        var message = refused[0].Wording is { } wording ? wording(settings[0]) : Message(settings);
        return new FieldRefusal(settings, refused[0].Reason, refused[0].Condition, message);
    }

    public static string Message(IReadOnlyList<string> settings) =>
        $"{string.Join(", ", settings)} {(settings.Count == 1 ? "is" : "are")} not supported by this version of Fleet yet";
}
