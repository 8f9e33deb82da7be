namespace Fleet.Node.Sandbox.Patching;

/// <summary>The parameters of one server-side apply request.</summary>
/// <param name="Manager">The <c>fieldManager</c> query parameter (required by the API server).</param>
/// <param name="ApiVersion">The apiVersion the request was made with, recorded in the managedFields entry.</param>
/// <param name="Time">The time stamp recorded when the apply changes something.</param>
public sealed record ApplyOptions(string Manager, string ApiVersion, DateTimeOffset Time)
{
    /// <summary>The <c>force</c> query parameter: take ownership of conflicting fields.</summary>
    public bool Force { get; init; }

    /// <summary>The subresource written (<c>status</c>, <c>scale</c>), or null for the main resource.</summary>
    public string? Subresource { get; init; }

    /// <summary>The kind has a status subresource, so an apply to the main resource ignores <c>status</c>.</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>How the kind's lists merge; the built-in schema by default.</summary>
    public IListKeys Lists { get; init; } = ListSchema.BuiltIn;
}
