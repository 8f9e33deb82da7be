using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Oci;

/// <summary>
/// The OCIRepository fields Fleet refuses, each with the reason source-controller writes when it cannot use it: cloud
/// identities and the service account's pull secrets (InvalidProviderConfiguration), signature verification (VerificationError).
/// </summary>
public static class OCIRepositoryUnsupportedFields
{
    public static UnsupportedFields<OCIRepositorySpec> Fields { get; } = new(
        new UnsupportedField<OCIRepositorySpec>(
            spec => spec.Provider is null or GitRepositoryUnsupportedFields.GenericProvider ? null : $"spec.provider '{spec.Provider}'",
            SourceConditions.InvalidProviderConfigurationReason,
            SourceConditions.FetchFailed),
        new UnsupportedField<OCIRepositorySpec>(
            spec => spec.ServiceAccountName is null ? null : "spec.serviceAccountName",
            SourceConditions.AuthenticationFailedReason,
            SourceConditions.FetchFailed),
        new UnsupportedField<OCIRepositorySpec>(
            spec => spec.Verify is null ? null : "spec.verify", SourceConditions.VerificationErrorReason, SourceConditions.SourceVerified));
}
