using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply;

public sealed class ChangeSetTests
{
    [Fact]
    public void ListsOnlyChangedObjectsInFluxsLineFormat()
    {
        var changeSet = new ChangeSet(
        [
            new ChangeSetEntry(new ObjectRef("", "v1", "Namespace", "", "a"), ChangeAction.Created),
            new ChangeSetEntry(new ObjectRef("", "v1", "ConfigMap", "a", "same"), ChangeAction.Unchanged),
            new ChangeSetEntry(new ObjectRef("", "v1", "ConfigMap", "a", "off"), ChangeAction.Skipped),
            new ChangeSetEntry(new ObjectRef("apps", "v1", "Deployment", "a", "web"), ChangeAction.Configured),
        ]);

        Assert.True(changeSet.HasChanges);
        Assert.Equal(["Namespace/a created", "Deployment/a/web configured"], changeSet.Changed);
    }

    [Fact]
    public void UnchangedAndSkippedAreNoChange()
    {
        var changeSet = new ChangeSet([new ChangeSetEntry(new ObjectRef("", "v1", "ConfigMap", "a", "same"), ChangeAction.Unchanged)]);

        Assert.False(changeSet.HasChanges);
        Assert.Empty(changeSet.Changed);
    }
}
