using Fleet.Actors.Oci;

namespace Fleet.Actors.Sources.Oci;

/// <summary>The artifact a run pulls: its reference by digest and Flux's revision (`&lt;tag&gt;@sha256:...`, or the digest alone).</summary>
public sealed record OciResolvedRef(OciReference Reference, string Revision)
{
    public string Digest => Reference.Digest!;
}
