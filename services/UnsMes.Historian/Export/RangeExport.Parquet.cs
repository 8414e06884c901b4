using Parquet;
using Parquet.Schema;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Export;

internal static partial class RangeExport
{
    /// <summary>
    /// Parquet: columns tag, ts (epoch ms), value (double, boolean or string as the tag holds), quality, received_ts,
    /// historical; one row group per page. Written to a temporary file (deleted when the response is sent), since
    /// Parquet's footer needs the whole file.
    /// </summary>
    public static async Task<Stream> ParquetAsync(IAsyncEnumerable<IReadOnlyList<HistoryPoint>> pages, TagInfo tag, CancellationToken cancellationToken)
    {
        var tagField = new DataField<string>("tag");
        var tsField = new DataField<long>("ts");
        DataField valueField = tag.Kind switch
        {
            TagKind.Number => new DataField<double>("value"),
            TagKind.Boolean => new DataField<bool>("value"),
            _ => new DataField<string>("value"),
        };
        var qualityField = new DataField<string>("quality");
        var receivedField = new DataField<long>("received_ts");
        var historicalField = new DataField<bool>("historical");
        var schema = new ParquetSchema(tagField, tsField, valueField, qualityField, receivedField, historicalField);

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (var writer = await ParquetWriter.CreateAsync(schema, file, cancellationToken: cancellationToken))
            {
                await foreach (var page in pages.WithCancellation(cancellationToken))
                {
                    using var group = writer.CreateRowGroup();
                    await group.WriteAsync(tagField, page.Select(p => p.Tag).ToArray());
                    await group.WriteAsync<long>(tsField, page.Select(p => p.Ts).ToArray(), cancellationToken: cancellationToken);
                    switch (tag.Kind)
                    {
                        case TagKind.Number:
                            await group.WriteAsync<double>(valueField, page.Select(p => p.Number).ToArray(), cancellationToken: cancellationToken);
                            break;
                        case TagKind.Boolean:
                            await group.WriteAsync<bool>(valueField, page.Select(p => p.Number != 0).ToArray(), cancellationToken: cancellationToken);
                            break;
                        default:
                            await group.WriteAsync(valueField, page.Select(p => p.Text ?? "").ToArray());
                            break;
                    }

                    await group.WriteAsync(qualityField, page.Select(p => UnsMes.Uns.Payloads.WireNames.Of(p.Quality)).ToArray());
                    await group.WriteAsync<long>(receivedField, page.Select(p => p.ReceivedTs).ToArray(), cancellationToken: cancellationToken);
                    await group.WriteAsync<bool>(historicalField, page.Select(p => p.Historical).ToArray(), cancellationToken: cancellationToken);
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
