using Microsoft.Data.Sqlite;
using Npgsql;
using UnsMes.Testing;
using UnsMes.Wip.Domain;
using UnsMes.Wip.Genealogy;

namespace UnsMes.Wip.Tests.Genealogy;

/// <summary>One behaviour for every genealogy store; each store's fixture opens its own database per test.</summary>
public abstract class GenealogyStoreBehaviour
{
    /// <summary>Opens the test's store (again: a second call opens the same database).</summary>
    private protected abstract IGenealogyStore Open();

    /// <summary>Runs SQL straight against the test's database, past the store.</summary>
    protected abstract void ExecuteSql(string sql);

    private static List<GenealogyRecord> OneUnit(string serial, string lot) =>
    [
        new UnitStarted(serial, "WO1", "P1", "acme/s1/a1/l1", 1_000),
        new UnitOperation(serial, "op10", "m1", "acme/s1/a1/l1/m1", 1_000, 2_000, true, null, "e1,e2"),
        new UnitMaterial(serial, "steel", lot, 2.5, "kg", "op10", 2_000),
        new UnitMaterial(serial, "paint", null, 0.1, "l", "op10", 2_000),
        new UnitOperation(serial, "op20", "m2", "acme/s1/a1/l1/m2", 2_000, 3_500, false, "burr", null),
        new UnitFinished(serial, false, 3_500),
    ];

    [Test]
    public void Serial_WhatWentIntoIt_OperationsMachinesOperatorsMaterialsAndResult()
    {
        using var store = Open();
        store.Append(OneUnit("WO1-00001", "L1"));

        var unit = store.Serial("WO1-00001")!;

        Assert.Multiple(() =>
        {
            Assert.That(unit.Result, Is.EqualTo("scrap"));
            Assert.That(unit.FinishedTs, Is.EqualTo(3_500));
            Assert.That(unit.Operations.Select(o => $"{o.Operation}@{o.Machine}:{o.Result}"), Is.EqualTo(new[] { "op10@acme/s1/a1/l1/m1:good", "op20@acme/s1/a1/l1/m2:scrap" }));
            Assert.That(unit.Operations[0].Operators, Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(unit.Operations[1].ScrapReason, Is.EqualTo("burr"));
            Assert.That(unit.Materials.Select(m => $"{m.MaterialId}/{m.LotId}/{m.Quantity}"), Is.EquivalentTo(new[] { "steel/L1/2.5", "paint//0.1" }));
            Assert.That(store.Serial("WO1-99999"), Is.Null);
        });
    }

    [Test]
    public void Lot_WhichSerialsContainIt_AcrossUnitsAndOnlyThatLot()
    {
        using var store = Open();
        store.Append(OneUnit("WO1-00001", "L1"));
        store.Append(OneUnit("WO1-00002", "L2"));
        store.Append(OneUnit("WO1-00003", "L1"));

        var serials = store.SerialsWithLot("L1", 100).Select(u => u.Serial);

        Assert.That(serials, Is.EqualTo(new[] { "WO1-00001", "WO1-00003" }));
    }

    [Test]
    public void Append_SameFactsTwice_KeepsThemOnce()
    {
        using (var store = Open())
        {
            store.Append(OneUnit("WO1-00001", "L1"));
        }

        using var reopened = Open();
        reopened.Append(OneUnit("WO1-00001", "L1"));

        Assert.Multiple(() =>
        {
            Assert.That(reopened.Serial("WO1-00001")!.Operations, Has.Count.EqualTo(2));
            Assert.That(reopened.SerialsWithLot("L1", 100), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Store_UpdateOrDeleteThroughSql_IsRefusedBecauseTheRecordIsAppendOnly()
    {
        using (var store = Open())
        {
            store.Append(OneUnit("WO1-00001", "L1"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(() => ExecuteSql("UPDATE unit_materials SET lot_id = 'L-forged'"), Throws.Exception.With.Message.Contains("append-only"));
            Assert.That(() => ExecuteSql("DELETE FROM units"), Throws.Exception.With.Message.Contains("append-only"));
        });
    }
}

public class SqliteGenealogyStoreTests : GenealogyStoreBehaviour
{
    private string _directory = "";

    private string FilePath => Path.Combine(_directory, "genealogy.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("wip-genealogy-").FullName;

    [TearDown]
    public void RemoveDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private protected override IGenealogyStore Open() => new SqliteGenealogyStore(FilePath);

    protected override void ExecuteSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>The same behaviour against a real PostgreSQL 15 (one server for the fixture, a database per test).</summary>
public class PostgresGenealogyStoreTests : GenealogyStoreBehaviour
{
    private PostgresServer? _server;
    private string _connectionString = "";

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await PostgresServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [SetUp]
    public async Task CreateDatabaseAsync() => _connectionString = await _server!.CreateDatabaseAsync();

    private protected override IGenealogyStore Open() => new PostgresGenealogyStore(_connectionString);

    protected override void ExecuteSql(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
