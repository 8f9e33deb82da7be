namespace Fleet.Actors.Kube;

/// <summary>The cluster an object targets cannot be reached as asked (a missing or invalid kubeconfig Secret).</summary>
public sealed class ClusterAccessException(string message) : Exception(message);
