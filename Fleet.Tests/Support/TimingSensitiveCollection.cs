namespace Fleet.Tests.Support;

/// <summary>
/// Tests that measure time against a target (failover within 20 s) run alone, after the parallel
/// tests, so that the rest of the suite does not compete with them for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing-sensitive";
}
