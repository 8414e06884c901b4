namespace UnsMes.Uns.Tests.Examples;

// What the WIP tracker reports for the ERP. WO-0998 (4,900 good + 100 scrap BRK-200) ran the night shift,
// 2025-03-09 22:00 to 2025-03-10 05:48 (1741557600000-1741585680000, 7.8 h). Its BOM quantities are
// 4,900 x 0.42 kg = 2,058 kg of steel and 4,900 x 0.015 l = 73.5 l of primer.
public static partial class ContractExamples
{
    public const string OperationCompletionTopic = Line + "/_opcompletion/WO-1001";

    public const string OperationCompletion = """
        {
          "v": 1,
          "ts": 1741615200000,
          "messageId": "WO-1001-op10-0003",
          "workOrderId": "WO-1001",
          "operation": "op10",
          "good": 2650,
          "scrap": 52,
          "unit": "pcs",
          "scrapByReason": { "burr": 30, "crack": 22 },
          "final": false
        }
        """;

    public const string ConsumptionTopic = Line + "/_consumption/WO-1001";

    public const string Consumption = """
        {
          "v": 1,
          "ts": 1741615200000,
          "messageId": "WO-1001-cons-0007",
          "workOrderId": "WO-1001",
          "materialId": "STEEL-2MM",
          "lotId": "COIL-88231",
          "quantity": 1143.6,
          "unit": "kg",
          "operation": "op10"
        }
        """;

    public const string LaborTopic = Line + "/_labor/WO-1001";

    public const string Labor = """
        {
          "v": 1,
          "ts": 1741615200000,
          "messageId": "WO-1001-lab-E1042-0001",
          "workOrderId": "WO-1001",
          "operation": "op10",
          "employeeId": "E1042",
          "start": 1741586400000,
          "end": 1741615200000
        }
        """;

    public const string CompletionTopic = Site + "/_completion/WO-0998";

    public const string Completion = """
        {
          "v": 1,
          "ts": 1741585680000,
          "messageId": "WO-0998-completion",
          "workOrderId": "WO-0998",
          "productId": "BRK-200",
          "good": 4900,
          "scrap": 100,
          "unit": "pcs",
          "scrapByReason": { "burr": 60, "crack": 40 },
          "start": 1741557600000,
          "end": 1741585680000,
          "materialActuals": [
            { "materialId": "STEEL-2MM", "lotId": "COIL-88230", "quantity": 2106.3, "unit": "kg", "bomQuantity": 2058 },
            { "materialId": "ZINC-PRIMER", "lotId": null, "quantity": 74.1, "unit": "l", "bomQuantity": 73.5 }
          ],
          "personnelActuals": [
            { "employeeId": "E1042", "operation": "op10", "hours": 7.8 },
            { "employeeId": "E1077", "operation": "op20", "hours": 7.8 }
          ]
        }
        """;
}
