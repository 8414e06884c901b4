using System.Globalization;
using System.Net;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using UnsMes.Historian.Model;
using UnsMes.Historian.Rollups;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Tests;

/// <summary>Exports read back with independent parsers, and long aggregate ranges answered from rollups over HTTP.</summary>
public class ExportAndRollupApiTests
{
    private const string Tag = $"{Publish.Cell}/_tag/spindle_load";

    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("unsmes-historian-export-").FullName;

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Export_CsvAndParquet_HoldEveryValueOfTheRange()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker);
        var t0 = Publish.Now() - 3_600_000;
        var points = Enumerable.Range(0, 120_000).Select(i => new HistoryPoint(Tag, t0 + i, t0 + i + 5, TagKind.Number, i * 0.5, null, i % 7 == 0 ? Quality.Uncertain : Quality.Good, i % 2 == 0, "%")).ToList();
        await historian.Store.WriteAsync(points, [], CancellationToken.None);

        var csv = await historian.Http.GetStringAsync(new Uri($"/api/history/export?tag={Tag}&from={t0}&to={t0 + 120_000}&format=csv", UriKind.Relative));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("tag,ts,time,value,quality,received_ts,historical"));
        Assert.That(lines, Has.Length.EqualTo(120_001), "a header and every value (three pages)");
        Assert.That(lines[8].Split(','), Is.EqualTo(new[]
        {
            Tag, (t0 + 7).ToString(CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(t0 + 7).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            "3.5", "uncertain", (t0 + 12).ToString(CultureInfo.InvariantCulture), "false",
        }));

        await using var parquet = await historian.Http.GetStreamAsync(new Uri($"/api/history/export?tag={Tag}&from={t0}&to={t0 + 120_000}&format=parquet", UriKind.Relative));
        using var buffer = new MemoryStream();
        await parquet.CopyToAsync(buffer);
        buffer.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(buffer);
        var ts = new List<long>();
        var values = new List<double>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            var tsColumn = new long[rows];
            var valueColumn = new double[rows];
            await group.ReadAsync<long>((DataField)reader.Schema.Fields.Single(f => f.Name == "ts"), tsColumn);
            await group.ReadAsync<double>((DataField)reader.Schema.Fields.Single(f => f.Name == "value"), valueColumn);
            ts.AddRange(tsColumn);
            values.AddRange(valueColumn);
        }

        Assert.That(ts, Is.EqualTo(points.Select(p => p.Ts)));
        Assert.That(values, Is.EqualTo(points.Select(p => p.Number)));
    }

    [Test]
    public async Task Aggregate_ADayOfValues_IsAnsweredFromRollupsLikeFromRawValues()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker);
        var day = ((Publish.Now() / 86_400_000) - 2) * 86_400_000;
        var random = new Random(3);
        var points = Enumerable.Range(0, 86_400 / 5).Select(i => new HistoryPoint(Tag, day + (i * 5000L), day, TagKind.Number, random.Next(0, 1000) / 10.0, null, Quality.Good, false)).ToList();
        await historian.Store.WriteAsync(points, [], CancellationToken.None);
        await new RollupBuilder(historian.Store).RollUpAsync(day + 86_400_000, CancellationToken.None);

        var query = $"/api/history/aggregate?tag={Tag}&from={day}&to={day + 86_400_000}&bucketSeconds=3600";
        var auto = await GetJsonAsync(historian, query);
        var raw = await GetJsonAsync(historian, query + "&source=raw");
        Assert.That(auto.GetProperty("source").GetString(), Is.Not.EqualTo("raw"));
        Assert.That(auto.GetProperty("buckets").GetArrayLength(), Is.EqualTo(24));
        for (var i = 0; i < 24; i++)
        {
            var (a, r) = (auto.GetProperty("buckets")[i], raw.GetProperty("buckets")[i]);
            foreach (var figure in new[] { "count", "min", "max", "first", "last" })
            {
                Assert.That(a.GetProperty(figure).GetDouble(), Is.EqualTo(r.GetProperty(figure).GetDouble()), $"{figure} of hour {i}");
            }

            Assert.That(a.GetProperty("avg").GetDouble(), Is.EqualTo(r.GetProperty("avg").GetDouble()).Within(1e-9));
            Assert.That(a.GetProperty("timeWeightedAvg").GetDouble(), Is.EqualTo(r.GetProperty("timeWeightedAvg").GetDouble()).Within(1e-9));
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HistorianHost historian, string query)
    {
        using var response = await historian.Http.GetAsync(new Uri(query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{query}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<HistorianHost> StartAsync(TestBroker broker, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Historian:SqlitePath"] = Path.Combine(_directory, "history.db"),
            ["Historian:MaxExportRows"] = "200000",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await HistorianHost.StartAsync(broker, settings);
    }
}
