using UnsMes.Uns.Payloads;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Tests.Topics;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Payloads;

/// <summary>One payload of each type, built the way a service builds it: in C#, every optional field set.</summary>
public static class PayloadObjects
{
    private const long Ts = PlantClock.Now;
    private const long ShiftStart = PlantClock.Midnight + (6 * PlantClock.Hour);

    public static IEnumerable<RoundTripCase> All()
    {
        yield return RoundTripCase.Of(UnsTopic.State(Plant.Cell), new MachineStatePayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            State = MachineState.PlannedStop,
            Since = Ts - (10 * PlantClock.Minute),
            ReasonCode = "break",
            ReasonText = "Lunch break",
            WorkOrderId = "WO-1001",
            ProductId = "BRK-200",
            Historical = true,
        });
        yield return RoundTripCase.Of(UnsTopic.Count(Plant.Line), new ProductionCountPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Good = 7938,
            Scrap = 162,
            Unit = "pcs",
            ScrapByReason = new Dictionary<string, long> { ["burr"] = 100, ["crack"] = 62 },
            WorkOrderId = "WO-1001",
            ProductId = "BRK-200",
        });
        yield return RoundTripCase.Of(
            UnsTopic.Tag(Plant.Cell, "oilTemperature"),
            ProcessValuePayload.Number(Ts, 48.25, "degC", Quality.Uncertain, historical: true));
        yield return RoundTripCase.Of(UnsTopic.Event(Plant.Cell, "fault"), new UnsEventPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Severity = Severity.Alarm,
            Message = "Hydraulic pressure low",
            Attributes = new Dictionary<string, string> { ["code"] = "E-117" },
        });
        yield return RoundTripCase.Of(UnsTopic.Command(Plant.Line, "operatorLogin"), new CommandPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            CommandId = "cmd-0001",
            IssuedBy = "badge-4711",
            Arguments = new Dictionary<string, string> { ["employeeId"] = "E1042" },
        });
        yield return RoundTripCase.Of(UnsTopic.Downtime(Plant.Cell), new DowntimePayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            EpisodeId = "press07-0042",
            State = MachineState.Setup,
            Start = Ts - (20 * PlantClock.Minute),
            End = Ts - (5 * PlantClock.Minute),
            ReasonCode = "tool_change",
            ReasonText = "Die change to BRK-210",
            Classified = true,
            Planned = false,
        });
        yield return RoundTripCase.Of(UnsTopic.Oee(Plant.Cell, "hour"), new OeePayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            WindowStart = Ts - PlantClock.Hour,
            WindowEnd = Ts,
            Closed = true,
            // 3,600 s planned, 3,000 s running; 1,000 parts at 2.7 s = 2,700 s; 950 good.
            Availability = 3000.0 / 3600.0,
            Performance = 0.9,
            Quality = 0.95,
            Oee = 3000.0 / 3600.0 * 0.9 * 0.95,
            PlannedBusyTimeS = 3600,
            RunTimeS = 3000,
            TotalCount = 1000,
            GoodCount = 950,
            Losses = new OeeLosses
            {
                AvailabilityByReasonS = new Dictionary<string, double> { ["jam"] = 600 },
                SetupS = 0,
                MicroStopS = 120,
                SpeedS = 180,
                QualityS = 135,
            },
            WorkOrderId = "WO-1001",
            ProductId = "BRK-200",
        });
        yield return RoundTripCase.Of(UnsTopic.WorkOrder(Plant.Site, "WO-1002"), new WorkOrderPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            WorkOrderId = "WO-1002",
            ProductId = "BRK-210",
            ProductName = "Brake bracket 210",
            Quantity = 4000,
            Unit = "pcs",
            Status = WorkOrderStatus.Dispatched,
            DueTs = Ts + (48 * PlantClock.Hour),
            Priority = 20,
            Line = "acme/dayton/stamping/line3",
            Bom = [new BomLine("STEEL-2MM", 0.45, "kg")],
            Routing = [new RoutingOperation("op10", "Blank", "press07", 3.0), new RoutingOperation("op20", "Form", "press08", 2.8)],
            Revision = 1,
        });
        yield return RoundTripCase.Of(UnsTopic.Dispatch(Plant.Line), new DispatchPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Queue = [new DispatchedOrder("WO-1002", "BRK-210", 4000, "pcs", 3.0)],
        });
        yield return RoundTripCase.Of(UnsTopic.Progress(Plant.Line, "WO-1002"), new ProgressPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            WorkOrderId = "WO-1002",
            Status = WorkOrderStatus.Paused,
            Good = 120,
            Scrap = 3,
            Remaining = 3880,
            RatePerHour = 1100,
            Yield = 0.975,
            EtaTs = Ts + (4 * PlantClock.Hour),
        });
        yield return RoundTripCase.Of(UnsTopic.Wip(Plant.Line), new WipPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Operations = [new OperationWip("op10", 10, 1, 120, 35.5, 12.25, WorkCenter: "press07")],
        });
        yield return RoundTripCase.Of(UnsTopic.OperationCompletion(Plant.Line, "WO-1002"), new OperationCompletionPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            MessageId = "WO-1002-op10-0001",
            WorkOrderId = "WO-1002",
            Operation = "op10",
            Good = 120,
            Scrap = 3,
            Unit = "pcs",
            ScrapByReason = new Dictionary<string, double> { ["burr"] = 2, ["crack"] = 1 },
            Final = true,
        });
        yield return RoundTripCase.Of(UnsTopic.Consumption(Plant.Line, "WO-1002"), new ConsumptionPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            MessageId = "WO-1002-cons-0001",
            WorkOrderId = "WO-1002",
            MaterialId = "STEEL-2MM",
            LotId = "COIL-88231",
            Quantity = 55.35,
            Unit = "kg",
            Operation = "op10",
        });
        yield return RoundTripCase.Of(UnsTopic.Labor(Plant.Line, "WO-1002"), new LaborPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            MessageId = "WO-1002-lab-0001",
            WorkOrderId = "WO-1002",
            Operation = "op10",
            EmployeeId = "E1042",
            Start = ShiftStart,
            End = Ts,
        });
        yield return RoundTripCase.Of(UnsTopic.Completion(Plant.Site, "WO-1002"), Completion(lotId: "COIL-88231", bomQuantity: 1800));
        yield return RoundTripCase.Of(UnsTopic.Master(Plant.Site, "workcenter", "press07"), new MasterDataPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Name = "Press 07 (400 t)",
            Attributes = new Dictionary<string, string> { ["line"] = "line3" },
        });
        yield return RoundTripCase.Of(UnsTopic.Status("wip"), new ServiceStatusPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Health = ServiceHealth.Degraded,
            Instance = "wip-0",
            Version = "1.0.0",
            Detail = new Dictionary<string, string> { ["lagMs"] = "1200" },
        });
        yield return RoundTripCase.Of(UnsTopic.DeadLetter("wip"), new DeadLetterPayload
        {
            V = UnsSchema.Version,
            Ts = Ts,
            Reason = "unknown work order WO-9999",
            OriginalTopic = "uns/v1/acme/dayton/stamping/line3/_cmd/loadMaterial",
            SenderClientId = "dashboard-7",
            SenderUser = "operator",
            PayloadBytes = 5000,
            PayloadText = "{...",
            PayloadTruncated = true,
        });
    }

    /// <summary>A completion of WO-1002: 4,000 good, 40 scrap, over the afternoon shift.</summary>
    public static CompletionPayload Completion(string? lotId, double? bomQuantity) => new()
    {
        V = UnsSchema.Version,
        Ts = Ts,
        MessageId = "WO-1002-completion",
        WorkOrderId = "WO-1002",
        ProductId = "BRK-210",
        Good = 4000,
        Scrap = 40,
        Unit = "pcs",
        ScrapByReason = new Dictionary<string, double> { ["burr"] = 25, ["crack"] = 15 },
        Start = ShiftStart,
        End = Ts,
        MaterialActuals = [new MaterialActual("STEEL-2MM", 1830.5, "kg", lotId, bomQuantity)],
        PersonnelActuals = [new PersonnelActual("E1042", "op10", 8)],
    };
}
