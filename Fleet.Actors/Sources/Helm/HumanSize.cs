using System.Globalization;

namespace Fleet.Actors.Sources.Helm;

/// <summary>Sizes as Flux's events print them (go-units HumanSize): decimal units, four significant digits, `1.234kB`.</summary>
public static class HumanSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB"];

    public static string Format(long bytes)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }
        return size.ToString("G4", CultureInfo.InvariantCulture) + Units[unit];
    }
}
