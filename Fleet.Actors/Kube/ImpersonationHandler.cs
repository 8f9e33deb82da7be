namespace Fleet.Actors.Kube;

/// <summary>
/// Makes every request act as a service account, so the API server's RBAC decides what a tenant's
/// Kustomization may touch. The API server adds the service-account groups itself.
/// </summary>
public sealed class ImpersonationHandler(string user) : DelegatingHandler
{
    public string User { get; } = user;

    public static string ServiceAccountUser(string ns, string serviceAccount) => $"system:serviceaccount:{ns}:{serviceAccount}";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Impersonate-User");
        request.Headers.Add("Impersonate-User", User);
        return base.SendAsync(request, cancellationToken);
    }
}
