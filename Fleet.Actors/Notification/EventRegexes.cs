using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Notification;

/// <summary>
/// An Alert's inclusion and exclusion patterns, compiled once. Go's RE2 never backtracks, so neither do these; a pattern that
/// does not compile is reported and matches nothing, as notification-controller skips it.
/// </summary>
public sealed class EventRegexes
{
    private static readonly TimeSpan MatchLimit = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Regex?> _compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="message"/> matches <paramref name="pattern"/>; null when the pattern is invalid.</summary>
    public bool? Matches(string pattern, string message) =>
        _compiled.GetOrAdd(pattern, Compile) is { } regex ? regex.IsMatch(message) : null;

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchLimit);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
