using System.Globalization;

namespace UnsMes.Bench.Erp;

/// <summary>
/// Options of the <c>erp</c> mode. The plant rate: the demo plant's 22 machines at 20-45 s cycles make about 2,200
/// parts an hour; if the floor reported every part at every operation and labor and consumption besides, that is
/// about 2,400 write-back records an hour (the pessimistic rate used for the outage by default); reporting each
/// operation every 5 minutes, labor hourly and consumption per line every 5 minutes gives about 340 an hour.
/// </summary>
internal sealed record ErpBenchOptions
{
    public int Records { get; private init; } = 5_000;

    public int OutageRecords { get; private init; } = 2_400;

    /// <summary>How long the ERP stays down in the run before it comes back (the hour itself is simulated by the records' ages).</summary>
    public int DownSeconds { get; private init; } = 5;

    public string? TrytonUrl { get; private init; }

    public string TrytonDatabase { get; private init; } = "unsmes";

    public string? TrytonPassword { get; private init; }

    public string? TrytonOrder { get; private init; }

    public string TrytonEmployee { get; private init; } = "E-1001";

    public string TrytonOperation { get; private init; } = "op10";

    public int TrytonRecords { get; private init; } = 200;

    public static ErpBenchOptions Parse(string[] args)
    {
        var options = new ErpBenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Number() => int.Parse(value, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--records" => options with { Records = Number() },
                "--outage-records" => options with { OutageRecords = Number() },
                "--down-seconds" => options with { DownSeconds = Number() },
                "--tryton-url" => options with { TrytonUrl = value },
                "--tryton-db" => options with { TrytonDatabase = value },
                "--tryton-password" => options with { TrytonPassword = value },
                "--tryton-order" => options with { TrytonOrder = value },
                "--tryton-employee" => options with { TrytonEmployee = value },
                "--tryton-operation" => options with { TrytonOperation = value },
                "--tryton-records" => options with { TrytonRecords = Number() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options.TrytonUrl is not null && options.TrytonOrder is null
            ? throw new ArgumentException("--tryton-url needs --tryton-order (a production number in state waiting)")
            : options;
    }
}
