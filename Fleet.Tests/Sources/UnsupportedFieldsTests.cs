using Fleet.Actors.Toolkit;
using Fleet.Actors.Sources;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Tests.Sources;

public sealed class UnsupportedFieldsTests
{
    private sealed record Spec(string? Proxy = null, string? Mode = null);

    private static readonly UnsupportedFields<Spec> Fields = new(
        new UnsupportedField<Spec>(spec => spec.Proxy is null ? null : "spec.proxy", "ProxyReason", "FetchFailed"),
        new UnsupportedField<Spec>(spec => spec.Mode is null or "plain" ? null : $"spec.mode '{spec.Mode}'", "ModeReason"));

    [Fact]
    public void A_spec_that_sets_none_of_the_fields_or_only_honoured_values_is_not_refused()
    {
        Assert.Null(Fields.Check(new Spec()));
        Assert.Null(Fields.Check(new Spec(Mode: "plain")));
    }

    [Fact]
    public void One_field_is_refused_with_its_reason_condition_and_a_message_naming_it()
    {
        var refusal = Fields.Check(new Spec(Mode: "fancy"));

        Assert.NotNull(refusal);
        Assert.Equal(["spec.mode 'fancy'"], refusal.Settings);
        Assert.Equal("ModeReason", refusal.Reason);
        Assert.Null(refusal.Condition);
        Assert.Equal("spec.mode 'fancy' is not supported by this version of Fleet yet", refusal.Message);
    }

    [Fact]
    public void Several_fields_are_named_in_one_message_with_the_first_ones_reason()
    {
        var refusal = Fields.Check(new Spec(Proxy: "p", Mode: "fancy"));

        Assert.NotNull(refusal);
        Assert.Equal("ProxyReason", refusal.Reason);
        Assert.Equal("FetchFailed", refusal.Condition);
        Assert.Equal("spec.proxy, spec.mode 'fancy' are not supported by this version of Fleet yet", refusal.Message);
    }

    [Fact]
    public void GitRepository_refuses_proxy_cloud_providers_their_service_account_and_verification_but_not_the_generic_provider()
    {
        var fields = GitRepositoryUnsupportedFields.Fields;
        var reference = new LocalObjectReference { Name = "s" };

        Assert.Null(fields.Check(new GitRepositorySpec { Provider = "generic", Ignore = "*.md", SparseCheckout = ["deploy"] }));
        Assert.Equal(SourceConditions.AuthenticationFailedReason, fields.Check(new GitRepositorySpec { ProxySecretRef = reference })?.Reason);
        foreach (var provider in new[] { "aws", "azure", "github" })
        {
            var refusal = fields.Check(new GitRepositorySpec { Provider = provider });
            Assert.Equal((SourceConditions.InvalidProviderConfigurationReason, SourceConditions.FetchFailed), (refusal?.Reason, refusal?.Condition));
            Assert.Equal($"spec.provider '{provider}' is not supported by this version of Fleet yet", refusal?.Message);
        }
        Assert.Equal(SourceConditions.InvalidProviderConfigurationReason, fields.Check(new GitRepositorySpec { ServiceAccountName = "sa" })?.Reason);
        var verify = fields.Check(new GitRepositorySpec { Verify = new GitRepositoryVerification { SecretRef = reference } });
        Assert.Equal((SourceConditions.VerificationErrorReason, (string?)null), (verify?.Reason, verify?.Condition));
    }
}
