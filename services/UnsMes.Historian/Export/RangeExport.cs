using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;

namespace UnsMes.Historian.Export;

/// <summary>A tag's raw range for analysts, read page by page so a large export never sits in memory at once.</summary>
internal static partial class RangeExport
{
    private const int PageSize = 50_000;

    public static async IAsyncEnumerable<IReadOnlyList<HistoryPoint>> Pages(IHistorianStore store, TagInfo tag, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = from;
        while (next < to)
        {
            var page = await store.RawAsync(tag, next, to, PageSize, cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            next = page[^1].Ts + 1;
        }
    }

    /// <summary>CSV (RFC 4180): tag, ts (epoch ms), time (ISO 8601 UTC), value, quality, received_ts, historical.</summary>
    public static async Task CsvAsync(IAsyncEnumerable<IReadOnlyList<HistoryPoint>> pages, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync("tag,ts,time,value,quality,received_ts,historical".AsMemory(), cancellationToken);
        var line = new StringBuilder();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var p in page)
            {
                line.Clear();
                line.Append(Quote(p.Tag)).Append(',')
                    .Append(p.Ts.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(DateTimeOffset.FromUnixTimeMilliseconds(p.Ts).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Kind switch
                    {
                        TagKind.Number => p.Number.ToString("R", CultureInfo.InvariantCulture),
                        TagKind.Boolean => p.Number != 0 ? "true" : "false",
                        _ => Quote(p.Text ?? ""),
                    }).Append(',')
                    .Append(UnsMes.Uns.Payloads.WireNames.Of(p.Quality)).Append(',')
                    .Append(p.ReceivedTs.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Historical ? "true" : "false");
                await writer.WriteLineAsync(line, cancellationToken);
            }
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
