namespace Fleet.Node.Commands.Reconcile;

/// <summary>What <c>fleet reconcile</c> was asked for beyond the object itself.</summary>
public sealed record ReconcileRequest(bool WithSource = false, bool Force = false, bool Reset = false);
