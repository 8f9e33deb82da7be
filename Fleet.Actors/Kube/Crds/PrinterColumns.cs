using Fleet.Messages.Api;

namespace Fleet.Actors.Kube.Crds;

/// <summary>
/// The <c>kubectl get</c> columns of each kind: Flux's own (its <c>+kubebuilder:printcolumn</c> markers),
/// plus a Revision column where the kind has a revision and Flux shows none.
/// </summary>
public static class PrinterColumns
{
    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp");
    private static readonly PrinterColumn Ready = new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status");
    private static readonly PrinterColumn Status = new("Status", "string", ".status.conditions[?(@.type==\"Ready\")].message");
    private static readonly PrinterColumn ArtifactRevision = new("Revision", "string", ".status.artifact.revision");

    private static readonly Dictionary<string, IReadOnlyList<PrinterColumn>> ByKind = new()
    {
        ["GitRepository"] = [new("URL", "string", ".spec.url"), ArtifactRevision, Age, Ready, Status],
        // A Helm index revision is an opaque digest: shown with -o wide only.
        ["HelmRepository"] = [new("URL", "string", ".spec.url"), ArtifactRevision with { Priority = 1 }, Age, Ready, Status],
        ["HelmChart"] =
        [
            new("Chart", "string", ".spec.chart"),
            new("Version", "string", ".spec.version"),
            new("Source Kind", "string", ".spec.sourceRef.kind"),
            new("Source Name", "string", ".spec.sourceRef.name"),
            ArtifactRevision, Age, Ready, Status,
        ],
        ["OCIRepository"] = [new("URL", "string", ".spec.url"), ArtifactRevision, Ready, Status, Age],
        ["Bucket"] = [new("Endpoint", "string", ".spec.endpoint"), ArtifactRevision, Age, Ready, Status],
        ["Kustomization"] = [new("Revision", "string", ".status.lastAppliedRevision"), Age, Ready, Status],
        ["HelmRelease"] = [new("Revision", "string", ".status.history[0].chartVersion"), Age, Ready, Status],
        ["Provider"] = [Age],
        ["Alert"] = [Age],
        ["Receiver"] = [Age, Ready, Status],
        ["ImageRepository"] =
        [
            new("Image", "string", ".spec.image"),
            new("Tags", "string", ".status.lastScanResult.tagCount"),
            Ready, Status,
            new("Last scan", "string", ".status.lastScanResult.scanTime", Priority: 1),
            Age,
        ],
        ["ImagePolicy"] = [new("Image", "string", ".status.latestRef.name"), new("Tag", "string", ".status.latestRef.tag"), Ready, Status, Age],
        ["ImageUpdateAutomation"] =
        [
            Ready, Status,
            new("Last run", "string", ".status.lastAutomationRunTime", Priority: 1),
            new("Revision", "string", ".status.lastPushCommit", Priority: 1),
            Age,
        ],
    };

    public static IReadOnlyList<PrinterColumn> For(FluxKind kind) =>
        ByKind.TryGetValue(kind.Kind, out var columns)
            ? columns
            : throw new InvalidOperationException($"no printer columns for {kind.Kind}: add them to {nameof(PrinterColumns)}");
}
