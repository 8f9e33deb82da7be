namespace Fleet.Tests.Sandbox;

/// <summary>Adds <c>Impersonate-User</c> (and groups) to every request, as Fleet does for serviceAccountName.</summary>
public sealed class ImpersonationHandler(string user, params string[] groups) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("Impersonate-User", user);
        foreach (var group in groups)
        {
            request.Headers.Add("Impersonate-Group", group);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
