using System.Net;
using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Source;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Sources;

/// <summary>Reads a GitRepository's `spec.secretRef` Secret; a Secret that cannot be read is an AuthenticationFailed error naming it.</summary>
public sealed class GitSecretReader(IKubernetes kubernetes)
{
    public async Task<GitCredentials> ReadAsync(string ns, string? secretName, Uri url, CancellationToken cancellation)
    {
        if (secretName is null)
        {
            return GitCredentials.None;
        }
        try
        {
            var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: cancellation);
            return GitCredentials.FromSecret(secretName, secret.Data?.AsReadOnly(), url);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"failed to get secret '{ns}/{secretName}': secrets \"{secretName}\" not found");
        }
        catch (HttpOperationException error)
        {
            throw new GitFetchException(SourceConditions.AuthenticationFailedReason,
                $"failed to get secret '{ns}/{secretName}': the API server answered {(int)error.Response.StatusCode} {error.Response.StatusCode}");
        }
    }
}
