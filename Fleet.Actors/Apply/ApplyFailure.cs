namespace Fleet.Actors.Apply;

/// <summary>One object the API server (or the REST mapping) rejected, and why.</summary>
public sealed record ApplyFailure(ObjectRef Object, string Message)
{
    public override string ToString() => $"{Object.Subject} {Message}";
}
