using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The HelmRepository fields Fleet refuses: a cloud `provider` for an OCI repository (Flux uses it only there, to log in
/// with the node's cloud identity), with the reason Flux writes when it cannot use a provider's configuration.
/// </summary>
public static class HelmRepositoryUnsupportedFields
{
    public const string GenericProvider = "generic";

    public static UnsupportedFields<HelmRepositorySpec> Fields { get; } = new(
        new UnsupportedField<HelmRepositorySpec>(
            spec => spec.Type == HelmRepositoryTypes.Oci && spec.Provider is not (null or "" or GenericProvider) ? $"spec.provider '{spec.Provider}'" : null,
            SourceConditions.InvalidProviderConfigurationReason,
            SourceConditions.FetchFailed));
}
