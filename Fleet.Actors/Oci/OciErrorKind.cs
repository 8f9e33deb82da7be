namespace Fleet.Actors.Oci;

/// <summary>What went wrong talking to a registry, which decides the reason a reconciler reports.</summary>
public enum OciErrorKind
{
    /// <summary>The registry refused the credentials, or asked for some and none were given.</summary>
    Unauthorized,

    /// <summary>The repository, tag, manifest or blob does not exist.</summary>
    NotFound,

    /// <summary>The registry could not be reached or kept failing (connection, TLS, 5xx, 429).</summary>
    Unreachable,

    /// <summary>The registry answered with something that is not what the protocol promises (bad digest, bad JSON).</summary>
    Invalid,

    /// <summary>A Secret the object names cannot be read or does not hold what it must.</summary>
    Secret,

    /// <summary>The reference or settings given to the client are wrong (an image name that does not parse).</summary>
    BadInput,
}
