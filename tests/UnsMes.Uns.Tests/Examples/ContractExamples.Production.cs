namespace UnsMes.Uns.Tests.Examples;

// Line 3 runs WO-1001 (12,000 brake brackets BRK-200). The OEE figures are those of the early shift,
// 06:00-14:00 (1741586400000-1741615200000), worked out by hand:
//   planned busy time 8 h - 30 min break = 27,000 s; run time 24,300 s    -> availability 24,300 / 27,000 = 0.9
//   8,100 parts x 2.7 s ideal cycle = 21,870 s                            -> performance 21,870 / 24,300 = 0.9
//   7,938 good of 8,100                                                   -> quality 0.98
//   OEE 0.9 x 0.9 x 0.98 = 0.7938 (= 7,938 x 2.7 s / 27,000 s)
//   losses: stops 1,500 + 600 + setup 600 = 2,700 s; micro-stops 630 + speed 1,800 = 2,430 s; 162 scrap x 2.7 s = 437.4 s
public static partial class ContractExamples
{
    public const string OeeTopic = Line + "/_oee/shift";

    public const string Oee = """
        {
          "v": 1,
          "ts": 1741615200000,
          "windowStart": 1741586400000,
          "windowEnd": 1741615200000,
          "closed": true,
          "availability": 0.9,
          "performance": 0.9,
          "quality": 0.98,
          "oee": 0.7938,
          "plannedBusyTimeS": 27000,
          "runTimeS": 24300,
          "totalCount": 8100,
          "goodCount": 7938,
          "losses": {
            "availabilityByReasonS": { "jam": 1500, "material_shortage": 600 },
            "setupS": 600,
            "microStopS": 630,
            "speedS": 1800,
            "qualityS": 437.4
          },
          "workOrderId": "WO-1001",
          "productId": "BRK-200"
        }
        """;

    public const string WorkOrderTopic = Site + "/_workorder/WO-1001";

    public const string WorkOrder = """
        {
          "v": 1,
          "ts": 1741593600000,
          "workOrderId": "WO-1001",
          "productId": "BRK-200",
          "productName": "Brake bracket 200",
          "quantity": 12000,
          "unit": "pcs",
          "status": "released",
          "dueTs": 1741968000000,
          "priority": 10,
          "line": "acme/dayton/stamping/line3",
          "bom": [
            { "materialId": "STEEL-2MM", "quantityPerUnit": 0.42, "unit": "kg" },
            { "materialId": "ZINC-PRIMER", "quantityPerUnit": 0.015, "unit": "l" }
          ],
          "routing": [
            { "operation": "op10", "name": "Blank and pierce", "workCenter": "press07", "idealCycleTimeS": 2.7 },
            { "operation": "op20", "name": "Form", "workCenter": "press08", "idealCycleTimeS": 2.5 },
            { "operation": "op30", "name": "Prime", "workCenter": "coat01", "idealCycleTimeS": 1.8 }
          ],
          "revision": 2
        }
        """;

    public const string DispatchTopic = Line + "/_dispatch";

    public const string Dispatch = """
        {
          "v": 1,
          "ts": 1741593600000,
          "queue": [
            { "workOrderId": "WO-1001", "productId": "BRK-200", "quantity": 12000, "unit": "pcs", "idealCycleTimeS": 2.7 },
            { "workOrderId": "WO-1002", "productId": "BRK-210", "quantity": 4000, "unit": "pcs", "idealCycleTimeS": 3.0 }
          ]
        }
        """;

    // 12,000 - 7,938 = 4,062 remaining; at 1,050 good/h that is about 3 h 52 min: ETA 17:52 (1741629120000).
    public const string ProgressTopic = Line + "/_progress/WO-1001";

    public const string Progress = """
        {
          "v": 1,
          "ts": 1741615200000,
          "workOrderId": "WO-1001",
          "status": "running",
          "good": 7938,
          "scrap": 162,
          "remaining": 4062,
          "ratePerHour": 1050,
          "yield": 0.98,
          "etaTs": 1741629120000
        }
        """;

    public const string WipTopic = Line + "/_wip";

    public const string Wip = """
        {
          "v": 1,
          "ts": 1741615200000,
          "operations": [
            { "operation": "op10", "workCenter": "press07", "waiting": 0, "inProcess": 1, "done": 8100, "oldestDwellS": 2.1, "averageDwellS": 2.9 },
            { "operation": "op20", "workCenter": "press08", "waiting": 42, "inProcess": 1, "done": 7890, "oldestDwellS": 318, "averageDwellS": 95.5 },
            { "operation": "op30", "workCenter": "coat01", "waiting": 120, "inProcess": 6, "done": 7650, "oldestDwellS": 640, "averageDwellS": 410 }
          ]
        }
        """;
}
