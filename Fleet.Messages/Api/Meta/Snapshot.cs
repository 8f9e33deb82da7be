using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>One entry of a Kustomization's <c>status.history</c>: a reconciled digest and how it went.</summary>
public sealed record Snapshot
{
    [Required]
    [JsonPropertyName("digest")]
    public string Digest { get; init; } = "";

    [Required]
    [JsonPropertyName("firstReconciled")]
    public DateTime FirstReconciled { get; init; }

    [Required]
    [JsonPropertyName("lastReconciled")]
    public DateTime LastReconciled { get; init; }

    [Required]
    [JsonPropertyName("lastReconciledDuration")]
    public GoDuration LastReconciledDuration { get; init; } = GoDuration.Zero;

    [Required]
    [JsonPropertyName("lastReconciledStatus")]
    public string LastReconciledStatus { get; init; } = "";

    [Required]
    [JsonPropertyName("totalReconciliations")]
    public long TotalReconciliations { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
