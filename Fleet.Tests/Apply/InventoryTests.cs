using Fleet.Actors.Apply;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Apply;

public sealed class InventoryTests
{
    [Theory]
    [InlineData("", "v1", "ConfigMap", "default", "cm1", "default_cm1__ConfigMap")]
    [InlineData("apps", "v1", "Deployment", "team-a", "web", "team-a_web_apps_Deployment")]
    [InlineData("", "v1", "Namespace", "", "team-a", "_team-a__Namespace")]
    [InlineData("rbac.authorization.k8s.io", "v1", "ClusterRole", "", "system:controller:x", "_system__controller__x_rbac.authorization.k8s.io_ClusterRole")]
    [InlineData("rbac.authorization.k8s.io", "v1", "RoleBinding", "ns", "a:b", "ns_a__b_rbac.authorization.k8s.io_RoleBinding")]
    [InlineData("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "", "widgets.example.com", "_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition")]
    public void IdsFollowFluxsFormatAndParseBack(string group, string version, string kind, string ns, string name, string id)
    {
        var o = new ObjectRef(group, version, kind, ns, name);

        Assert.Equal(id, Inventory.IdOf(o));
        Assert.Equal(o, Inventory.Parse(new ResourceRef { Id = id, Version = version }));
    }

    [Fact]
    public void AColonOutsideRbacKindsIsKept()
    {
        Assert.Equal("ns_a:b__ConfigMap", Inventory.IdOf(new ObjectRef("", "v1", "ConfigMap", "ns", "a:b")));
    }

    [Theory]
    [InlineData("no-underscores")]
    [InlineData("ns_name")]
    [InlineData("ns__Kind")]
    [InlineData("ns_a_b_c_apps_Deployment")]
    public void RejectsIdsThatAreNotFluxsFormat(string id)
    {
        Assert.Throws<FormatException>(() => Inventory.Parse(new ResourceRef { Id = id, Version = "v1" }));
    }

    [Fact]
    public void IsBuiltFromEveryEntryIncludingSkippedOnes()
    {
        var changeSet = new ChangeSet(
        [
            new ChangeSetEntry(new ObjectRef("", "v1", "Namespace", "", "a"), ChangeAction.Created),
            new ChangeSetEntry(new ObjectRef("apps", "v1", "Deployment", "a", "web"), ChangeAction.Skipped),
        ]);

        var inventory = Inventory.From(changeSet);

        Assert.Equal(
            [new ResourceRef { Id = "_a__Namespace", Version = "v1" }, new ResourceRef { Id = "a_web_apps_Deployment", Version = "v1" }],
            inventory.Entries);
    }

    [Fact]
    public void StaleEntriesAreTheOldOnesMissingFromTheNewWithTheOldVersionInDeleteOrder()
    {
        var old = new ResourceInventory
        {
            Entries =
            [
                new ResourceRef { Id = "_a__Namespace", Version = "v1" },
                new ResourceRef { Id = "a_cm__ConfigMap", Version = "v1" },
                new ResourceRef { Id = "a_web_apps_Deployment", Version = "v1beta1" },
                new ResourceRef { Id = "a_kept__ConfigMap", Version = "v1" },
            ],
        };
        var @new = new ResourceInventory { Entries = [new ResourceRef { Id = "a_kept__ConfigMap", Version = "v1" }] };

        var stale = Inventory.Stale(old, @new);

        Assert.Equal(["Deployment/a/web", "ConfigMap/a/cm", "Namespace/a"], stale.Select(o => o.Subject));
        Assert.Equal("v1beta1", stale[0].Version);
    }

    [Fact]
    public void NothingIsStaleWithoutAnOldInventory()
    {
        Assert.Empty(Inventory.Stale(null, new ResourceInventory()));
    }
}
