namespace Fleet.Node.Sandbox.Patching;

/// <summary>One field another manager owns with a different value.</summary>
/// <param name="Manager">The owning manager's name.</param>
/// <param name="Operation"><c>Apply</c> or <c>Update</c>.</param>
/// <param name="ApiVersion">The apiVersion of the owning managedFields entry.</param>
/// <param name="Subresource">The owning entry's subresource, or null.</param>
/// <param name="Field">The field path, e.g. <c>.spec.replicas</c>.</param>
public sealed record ApplyConflict(string Manager, string Operation, string ApiVersion, string? Subresource, string Field)
{
    /// <summary>The manager as the API server prints it: <c>"kubectl-client-side-apply" using apps/v1</c>.</summary>
    public string ManagerDescription => throw new NotSupportedException();

    /// <summary>The <c>details.causes[].message</c>: <c>conflict with "kubectl-client-side-apply" using apps/v1</c>.</summary>
    public string Message => "conflict with " + ManagerDescription;
}
