using System.Security.Cryptography;
using System.Text;
using Fleet.Messages;
using Fleet.Messages.Api.Helm;

namespace Fleet.Actors.Helm;

/// <summary>Where a HelmRelease's release lives: its Helm name, the namespace it installs into, and its storage namespace.</summary>
public sealed record ReleaseTarget(string Name, string Namespace, string StorageNamespace)
{
    /// <summary>Helm's limit on a release name.</summary>
    public const int MaxNameLength = 53;

    public static ReleaseTarget Of(ObjectKey key, HelmReleaseSpec spec)
    {
        var ns = string.IsNullOrEmpty(spec.TargetNamespace) ? key.Namespace : spec.TargetNamespace;
        var name = !string.IsNullOrEmpty(spec.ReleaseName)
            ? spec.ReleaseName
            : Shorten(string.IsNullOrEmpty(spec.TargetNamespace) ? key.Name : $"{spec.TargetNamespace}-{key.Name}");
        return new ReleaseTarget(name, ns, string.IsNullOrEmpty(spec.StorageNamespace) ? ns : spec.StorageNamespace);
    }

    /// <summary>helm-controller's shortening: a name past 53 characters becomes its first 40, a dash and 12 hex of its SHA-256.</summary>
    public static string Shorten(string name) =>
        name.Length <= MaxNameLength
            ? name
            : $"{name[..40]}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12].ToLowerInvariant()}";

    /// <summary>The name of the HelmChart helm-controller creates for a `chart` template: `&lt;namespace&gt;-&lt;name&gt;`.</summary>
    public static string HelmChartName(ObjectKey key) => $"{key.Namespace}-{key.Name}";
}
