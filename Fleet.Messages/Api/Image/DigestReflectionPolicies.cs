namespace Fleet.Messages.Api.Image;

/// <summary>When an ImagePolicy records the digest of the image it selected.</summary>
public static class DigestReflectionPolicies
{
    /// <summary>Look the digest up again on every run, which then follows <c>spec.interval</c>.</summary>
    public const string Always = "Always";

    /// <summary>Look the digest up only when none is recorded or the selected image changed.</summary>
    public const string IfNotPresent = "IfNotPresent";

    /// <summary>Never record a digest (the default).</summary>
    public const string Never = "Never";
}
