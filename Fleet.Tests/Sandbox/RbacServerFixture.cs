using Fleet.Node.Sandbox;

namespace Fleet.Tests.Sandbox;

/// <summary>A sandbox API server with RBAC on. (No token: kubectl and helm never send credentials to a plain
/// http:// server, so token checks are tested with KubernetesClient only.)</summary>
public sealed class RbacServerFixture : SandboxServerFixture
{
    protected override SandboxApiServerOptions Options => new() { Rbac = true };
}
