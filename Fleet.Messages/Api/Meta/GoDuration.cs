using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>
/// A Go-style duration such as <c>1m30s</c>, as Flux writes every interval and timeout.
/// The original text is kept so that an object round-trips unchanged.
/// </summary>
[JsonConverter(typeof(GoDurationJsonConverter))]
public sealed record GoDuration
{
    /// <summary>Flux's CRD pattern for durations.</summary>
    public const string Pattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    public static readonly GoDuration Zero = new(TimeSpan.Zero, "0s");

    private GoDuration(TimeSpan value, string text)
    {
        Value = value;
        Text = text;
    }

    public TimeSpan Value { get; }

    public string Text { get; }

    public static GoDuration FromTimeSpan(TimeSpan value) => new(value, Format(value));

    public static GoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"invalid duration \"{text}\": expected a Go duration such as 1m30s");

    public static bool TryParse(string? text, out GoDuration duration)
    {
        duration = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (span[0] is '-' or '+')
        {
            span = span[1..];
        }
        if (span is "0")
        {
            duration = new GoDuration(TimeSpan.Zero, text);
            return true;
        }
        double totalTicks = 0;
        var sawUnit = false;
        while (!span.IsEmpty)
        {
            var numberEnd = span.IndexOfAnyExcept("0123456789.");
            if (numberEnd <= 0)
            {
                return false;
            }
            if (!double.TryParse(span[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            span = span[numberEnd..];
            var unitEnd = span.IndexOfAny("0123456789.");
            var unit = unitEnd < 0 ? span : span[..unitEnd];
            double ticksPerUnit = unit switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1,
            };
            if (ticksPerUnit < 0)
            {
                return false;
            }
            totalTicks += number * ticksPerUnit;
            sawUnit = true;
            span = unitEnd < 0 ? ReadOnlySpan<char>.Empty : span[unitEnd..];
        }
        if (!sawUnit || totalTicks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        var ticks = (long)Math.Round(totalTicks);
        duration = new GoDuration(TimeSpan.FromTicks(negative ? -ticks : ticks), text);
        return true;
    }

    /// <summary>Formats as Go's <c>time.Duration.String()</c> does, e.g. <c>1h2m3s</c>, <c>1.5s</c>, <c>250ms</c>, <c>500µs</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        var sign = value < TimeSpan.Zero ? "-" : "";
        var ticks = Math.Abs(value.Ticks);
        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Go picks the largest unit below a second that keeps a whole part: 1.5ms, 500µs, 100ns.
            var (amount, unit) = ticks switch
            {
                < TimeSpan.TicksPerMicrosecond => (ticks * (double)TimeSpan.NanosecondsPerTick, "ns"),
                < TimeSpan.TicksPerMillisecond => (ticks / (double)TimeSpan.TicksPerMicrosecond, "µs"),
                _ => (ticks / (double)TimeSpan.TicksPerMillisecond, "ms"),
            };
            return sign + amount.ToString("0.####", CultureInfo.InvariantCulture) + unit;
        }
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var seconds = ticks % TimeSpan.TicksPerMinute / (double)TimeSpan.TicksPerSecond;
        var text = seconds.ToString("0.#######", CultureInfo.InvariantCulture) + "s";
        if (hours > 0)
        {
            return $"{sign}{hours}h{minutes}m{text}";
        }
        return minutes > 0 ? $"{sign}{minutes}m{text}" : sign + text;
    }

    public override string ToString() => Text;
}
