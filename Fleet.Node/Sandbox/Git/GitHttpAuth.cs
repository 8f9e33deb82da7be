using System.Text;

namespace Fleet.Node.Sandbox.Git;

/// <summary>What <see cref="GitHttpServer"/> demands: nothing, a username and password, or a bearer token.</summary>
public sealed record GitHttpAuth(string? Username, string? Password, string? BearerToken)
{
    public static GitHttpAuth None { get; } = new(null, null, null);

    public static GitHttpAuth Basic(string username, string password) => new(username, password, null);

    public static GitHttpAuth Bearer(string token) => new(null, null, token);

    internal string User => Username ?? "";

    internal string Challenge => BearerToken is null ? "Basic realm=\"git\"" : "Bearer realm=\"git\"";

    internal bool Allows(string authorization)
    {
        if (BearerToken is not null)
        {
            return authorization == $"Bearer {BearerToken}";
        }
        if (Username is not null)
        {
            return authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        }
        return true;
    }
}
