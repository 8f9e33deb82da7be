using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Image;

/// <summary>Flux's defaults for image objects, applied by readers (never written into an object).</summary>
public static class ImageDefaults
{
    /// <summary>Tags an ImageRepository ignores when it sets no exclusion list: cosign signature tags.</summary>
    public static readonly IReadOnlyList<string> ExclusionList = ["^.*\\.sig$"];

    /// <summary>The shortest scan timeout, however small the interval or timeout given.</summary>
    public static readonly TimeSpan MinimumScanTimeout = TimeSpan.FromSeconds(1);

    public const string RegistryProvider = "generic";

    public const string PolicyOrder = "asc";

    /// <summary>How often an ImagePolicy with digestReflectionPolicy Always refreshes the digest when it sets no interval.</summary>
    public static readonly GoDuration DigestRefreshInterval = GoDuration.Parse("10m");

    /// <summary>Commit message of an ImageUpdateAutomation that sets no template.</summary>
    public const string CommitMessage = "Update from image update automation";

    public const string UpdateStrategy = "Setters";
}
