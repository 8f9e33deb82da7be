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
    public string ManagerDescription
    {
        get
        {
            var description = Quote(Manager);
            if (!string.IsNullOrEmpty(Subresource))
            {
                description += " with subresource " + Quote(Subresource);
            }

            return Operation == "Update" ? description + " using " + ApiVersion : description;
        }
    }

    /// <summary>The <c>details.causes[].message</c>: <c>conflict with "kubectl-client-side-apply" using apps/v1</c>.</summary>
    public string Message => "conflict with " + ManagerDescription;

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, Json);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
