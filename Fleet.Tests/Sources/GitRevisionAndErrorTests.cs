using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Source;

namespace Fleet.Tests.Sources;

public sealed class GitRevisionAndErrorTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("refs/heads/main", "main@sha1:" + Sha)]
    [InlineData("refs/heads/feature/x", "feature/x@sha1:" + Sha)]
    [InlineData("refs/tags/v1.2.0", "v1.2.0@sha1:" + Sha)]
    [InlineData("refs/pull/1/head", "refs/pull/1/head@sha1:" + Sha)]
    [InlineData(null, "sha1:" + Sha)]
    public void Revisions_follow_RFC_0005(string? reference, string expected)
    {
        Assert.Equal(expected, GitRevision.Format(reference, Sha));
    }

    [Fact]
    public void A_port_that_contains_401_is_not_mistaken_for_an_authentication_failure()
    {
        var error = GitErrors.Classify("fetching", "http://127.0.0.1:44013/app", "unable to access 'http://127.0.0.1:44013/app/': Connection refused", GitCredentials.None);
        Assert.Equal(SourceConditions.GitOperationFailedReason, error.Reason);
        var denied = GitErrors.Classify("fetching", "http://127.0.0.1:44013/app", "The requested URL returned error: 401", GitCredentials.None);
        Assert.Equal(SourceConditions.AuthenticationFailedReason, denied.Reason);
    }

    [Fact]
    public void Every_secret_value_is_scrubbed_from_reported_text()
    {
        var credentials = new GitCredentials(Username: "fleet", Password: "pa55word-long", BearerToken: "token-abcdef123");
        var basic = Convert.ToBase64String("fleet:pa55word-long"u8.ToArray());
        var error = GitErrors.Classify("fetching", "http://h/r", $"saw pa55word-long and token-abcdef123 and Basic {basic}", credentials);
        Assert.DoesNotContain("pa55word-long", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-abcdef123", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_key_mismatch_names_the_host_entry_and_the_offered_key_but_not_the_temporary_files()
    {
        const string ssh = """
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
            @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
            The fingerprint for the ED25519 key sent by the remote host is
            SHA256:q1w2e3r4t5y6u7i8o9p0AbCdEfGhIjKlMnOpQrStUvW.
            Add correct host key in /tmp/fleet-gitcred-abc/known_hosts to get rid of this message.
            Offending ED25519 key in /tmp/fleet-gitcred-abc/known_hosts:1
            Host key verification failed.
            fatal: Could not read from remote repository.
            """;
        var changed = GitErrors.Classify("listing refs of", "ssh://git.example:2222/repo", ssh, GitCredentials.None);
        var unknown = GitErrors.Classify("listing refs of", "ssh://git.example/repo", "No ED25519 host key is known for git.example and you have requested strict checking.\nHost key verification failed.", GitCredentials.None);

        Assert.Equal(SourceConditions.AuthenticationFailedReason, changed.Reason);
        Assert.Contains("no key for [git.example]:2222 in 'known_hosts'", changed.Message, StringComparison.Ordinal);
        Assert.Contains("the server offered SHA256:q1w2e3r4t5y6u7i8o9p0AbCdEfGhIjKlMnOpQrStUvW)", changed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fleet-gitcred-", changed.Message, StringComparison.Ordinal);
        Assert.Contains("no key for git.example in 'known_hosts'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_failure_points_at_ca_crt()
    {
        var error = GitErrors.Classify("listing refs of", "https://127.0.0.1:8443/app", "the SSL certificate is invalid", GitCredentials.None);
        Assert.Equal(SourceConditions.GitOperationFailedReason, error.Reason);
        Assert.Contains("put that CA in 'ca.crt'", error.Message, StringComparison.Ordinal);
    }
}
