using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Auth;

/// <summary>Who a request acts as. Without impersonation headers that is the sandbox's administrator (group
/// <c>system:masters</c>); <c>Impersonate-User</c>/<c>Impersonate-Group</c> switch to another identity, with the
/// groups the API server adds for service accounts.</summary>
public sealed record RequestUser(string Name, IReadOnlyList<string> Groups)
{
    public static RequestUser Admin { get; } = new("kubernetes-admin", ["system:masters", "system:authenticated"]);

    public bool IsAdmin => Groups.Contains("system:masters");

    public static RequestUser From(HttpRequest request)
    {
        var name = request.Headers["Impersonate-User"].ToString();
        if (name.Length == 0)
        {
            return Admin;
        }

        var groups = request.Headers["Impersonate-Group"].SelectMany(g => (g ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        const string prefix = "system:serviceaccount:";
        if (name.StartsWith(prefix, StringComparison.Ordinal) && groups.Count == 0)
        {
            var ns = name[prefix.Length..].Split(':')[0];
            groups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{ns}"]);
        }

        if (!groups.Contains("system:authenticated"))
        {
            groups.Add("system:authenticated");
        }

        return new RequestUser(name, groups);
    }
}
