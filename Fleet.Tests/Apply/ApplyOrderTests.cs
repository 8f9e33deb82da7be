using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply;

public sealed class ApplyOrderTests
{
    private static ObjectRef Ref(string group, string kind, string ns, string name) => new(group, "v1", kind, ns, name);

    [Fact]
    public void SortsByFluxsKindRankThenOtherKindsThenWebhooksLast()
    {
        var objects = new[]
        {
            Ref("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "", "v"),
            Ref("example.com", "Widget", "a", "w"),
            Ref("apps", "Deployment", "a", "d"),
            Ref("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "", "m"),
            Ref("", "ConfigMap", "a", "c"),
            Ref("", "Namespace", "", "a"),
            Ref("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com"),
            Ref("networking.k8s.io", "IngressClass", "", "nginx"),
            Ref("rbac.authorization.k8s.io", "ClusterRole", "", "r"),
        };

        var sorted = ApplyOrder.Sort(objects, o => o).Select(o => o.Kind);

        Assert.Equal(
            ["CustomResourceDefinition", "Namespace", "ClusterRole", "IngressClass", "ConfigMap", "Deployment", "Widget", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            sorted);
    }

    [Fact]
    public void BreaksTiesOnGroupKindNamespaceAndName()
    {
        var objects = new[]
        {
            Ref("z.example.com", "Alpha", "a", "x"),
            Ref("a.example.com", "Zulu", "b", "y"),
            Ref("a.example.com", "Zulu", "a", "y"),
            Ref("a.example.com", "Zulu", "a", "x"),
            Ref("a.example.com", "Beta", "z", "z"),
        };

        var sorted = ApplyOrder.Sort(objects, o => o).Select(o => $"{o.Group}/{o.Kind}/{o.Namespace}/{o.Name}");

        Assert.Equal(
            ["a.example.com/Beta/z/z", "a.example.com/Zulu/a/x", "a.example.com/Zulu/a/y", "a.example.com/Zulu/b/y", "z.example.com/Alpha/a/x"],
            sorted);
    }

    [Fact]
    public void DeleteOrderIsTheReverse()
    {
        var objects = new[] { Ref("", "ConfigMap", "a", "c"), Ref("", "Namespace", "", "a"), Ref("apps", "Deployment", "a", "d") };

        Assert.Equal(["Deployment", "ConfigMap", "Namespace"], ApplyOrder.SortForDelete(objects, o => o).Select(o => o.Kind));
    }

    [Fact]
    public void StagesDefinitionsThenClassesThenTheRestAndWaitsOnlyForTheFirstTwo()
    {
        var objects = ApplyOrder.Sort(
            [
                Ref("", "ConfigMap", "a", "c"),
                Ref("storage.k8s.io", "StorageClass", "", "fast"),
                Ref("", "Namespace", "", "a"),
                Ref("apiextensions.k8s.io", "CustomResourceDefinition", "", "w"),
                Ref("rbac.authorization.k8s.io", "ClusterRole", "", "r"),
                Ref("rbac.authorization.k8s.io", "ClusterRoleBinding", "", "rb"),
            ],
            o => o);

        var stages = ApplyStages.Split(objects, o => o);

        Assert.Equal(3, stages.Count);
        Assert.Equal(["CustomResourceDefinition", "Namespace", "ClusterRole"], stages[0].Objects.Select(o => o.Kind));
        Assert.Equal(["StorageClass"], stages[1].Objects.Select(o => o.Kind));
        Assert.Equal(["ClusterRoleBinding", "ConfigMap"], stages[2].Objects.Select(o => o.Kind));
        Assert.Equal([true, true, false], stages.Select(s => s.Wait));
    }

    [Fact]
    public void LeavesEmptyStagesOut()
    {
        var stages = ApplyStages.Split([Ref("", "ConfigMap", "a", "c")], o => o);

        Assert.Equal("resources", Assert.Single(stages).Name);
    }
}
