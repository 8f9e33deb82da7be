namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// One way a body does not fit its kind's typed model. <paramref name="Path"/> is the field path with list indexes
/// (<c>spec.template.spec.containers[0].foo</c>), <paramref name="ApplyPath"/> the same in server-side apply's
/// notation (<c>.spec.template.spec.containers[name="web"].foo</c>). For a type mismatch, <paramref name="Message"/>
/// is Go's JSON decode error and <paramref name="ApplyMessage"/> the apply error's detail; for an unknown field both
/// are null.
/// </summary>
public sealed record DecodeIssue(string Path, string ApplyPath, string? Message, string? ApplyMessage)
{
    public bool IsUnknownField => Message is null;
}
