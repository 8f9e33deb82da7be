namespace Fleet.Tests;

public class SmokeTests
{
    [Fact]
    public void ObjectKeyFormsIds() => Assert.Equal("GitRepository/ns/a", new Fleet.Messages.ObjectKey("GitRepository", "ns", "a").PersistenceId);
}
