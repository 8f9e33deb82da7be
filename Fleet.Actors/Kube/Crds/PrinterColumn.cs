namespace Fleet.Actors.Kube.Crds;

/// <summary>A column <c>kubectl get</c> shows for a kind; priority 1 columns appear with <c>-o wide</c> only.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0);
