namespace Fleet.Actors.Kube;

/// <summary>A Kubernetes Event about an object: <see cref="Normal"/> or <see cref="Warning"/>, with Flux's reason.</summary>
public sealed record ObjectEvent(string Type, string Reason, string Message)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
