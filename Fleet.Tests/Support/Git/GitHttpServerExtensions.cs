using Fleet.Node.Sandbox.Git;

namespace Fleet.Tests.Support.Git;

public static class GitHttpServerExtensions
{
    public static string UrlOf(this GitHttpServer server, GitWorkRepository repository) => server.UrlOf(repository.Name);
}
