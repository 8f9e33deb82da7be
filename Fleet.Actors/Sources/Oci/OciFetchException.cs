namespace Fleet.Actors.Sources.Oci;

/// <summary>A step of an OCIRepository run that failed, with the condition reason source-controller writes for it.</summary>
public sealed class OciFetchException(string reason, string message, bool stall = false) : Exception(message)
{
    public string Reason { get; } = reason;

    /// <summary>Whether only a new spec can help (an invalid URL), as Flux's stalling errors.</summary>
    public bool Stall { get; } = stall;
}
