using System.Text.RegularExpressions;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Semantics;

/// <summary>The object-name rules of the real server, with its error wording.</summary>
public static partial class NameValidation
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Errors for <paramref name="name"/>; namespaces (and services) must be DNS labels, everything else a subdomain.
    /// RBAC kinds allow any path segment name.</summary>
    public static IReadOnlyList<FieldError> Validate(string kind, string name)
    {
        if (kind is "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding")
        {
            return name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal)
                ? [new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": may not contain '/' or '%'")]
                : [];
        }

        if (kind is "Namespace" or "Service")
        {
            return name.Length <= 63 && Label().IsMatch(name)
                ? []
                : [new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {LabelMessage}")];
        }

        return name.Length <= 253 && Subdomain().IsMatch(name)
            ? []
            : [new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {SubdomainMessage}")];
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
