using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Git;

/// <summary>One fetch of a GitRepository: the spec's git fields, its Secret's credentials, and the object's working copy directory.</summary>
public sealed record GitFetchRequest(
    string Url,
    GitRepositoryRef? Reference,
    GitCredentials Credentials,
    string WorkingCopy,
    TimeSpan Timeout,
    bool RecurseSubmodules = false,
    IReadOnlyList<string>? SparseCheckout = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
}
