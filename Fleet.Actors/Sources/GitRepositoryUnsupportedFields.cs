using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources;

/// <summary>
/// The GitRepository fields Fleet refuses, in the order source-controller reads them, each with the reason Flux writes when
/// it cannot use the field: a proxy (AuthenticationFailed), cloud or GitHub App authentication and the service account only
/// they use (InvalidProviderConfiguration), commit signature verification (VerificationError).
/// </summary>
public static class GitRepositoryUnsupportedFields
{
    public const string GenericProvider = "generic";

    public static UnsupportedFields<GitRepositorySpec> Fields { get; } = new(
        new UnsupportedField<GitRepositorySpec>(
            spec => spec.ProxySecretRef is null ? null : "spec.proxySecretRef", SourceConditions.AuthenticationFailedReason, SourceConditions.FetchFailed),
        new UnsupportedField<GitRepositorySpec>(
            spec => spec.Provider is null or GenericProvider ? null : $"spec.provider '{spec.Provider}'",
            SourceConditions.InvalidProviderConfigurationReason,
            SourceConditions.FetchFailed),
        new UnsupportedField<GitRepositorySpec>(
            spec => spec.ServiceAccountName is null ? null : "spec.serviceAccountName",
            SourceConditions.InvalidProviderConfigurationReason,
            SourceConditions.FetchFailed),
        new UnsupportedField<GitRepositorySpec>(spec => spec.Verify is null ? null : "spec.verify", SourceConditions.VerificationErrorReason));
}
