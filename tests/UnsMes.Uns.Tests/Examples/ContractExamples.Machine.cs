namespace UnsMes.Uns.Tests.Examples;

// Press 07 jammed at 13:49 (1741614540000); an operator classified the stop at 13:58 (1741615080000).
public static partial class ContractExamples
{
    public const string StateTopic = Cell + "/_state";

    public const string State = """
        {
          "v": 1,
          "ts": 1741614540000,
          "state": "down",
          "since": 1741614540000,
          "reasonCode": "jam",
          "reasonText": "Part jammed at station 2",
          "workOrderId": "WO-1001",
          "productId": "BRK-200"
        }
        """;

    public const string CountTopic = Cell + "/_count";

    public const string Count = """
        {
          "v": 1,
          "ts": 1741614540000,
          "good": 15230,
          "scrap": 212,
          "unit": "pcs",
          "scrapByReason": { "burr": 130, "crack": 70, "misfeed": 12 },
          "workOrderId": "WO-1001",
          "productId": "BRK-200"
        }
        """;

    public const string TagTopic = Cell + "/_tag/hydraulicPressure";

    public const string Tag = """
        {
          "v": 1,
          "ts": 1741614530000,
          "value": 182.4,
          "unit": "bar",
          "quality": "good"
        }
        """;

    public const string EventTopic = Cell + "/_event/stateChanged";

    public const string Event = """
        {
          "v": 1,
          "ts": 1741614540000,
          "severity": "warning",
          "message": "running -> down: jam",
          "attributes": { "from": "running", "to": "down", "reasonCode": "jam" }
        }
        """;

    public const string CommandTopic = Cell + "/_cmd/classifyDowntime";

    public const string Command = """
        {
          "v": 1,
          "ts": 1741615080000,
          "commandId": "3f6c2a9e-8b41-4d07-9c55-0e2b7d1a4f68",
          "issuedBy": "badge-4711",
          "arguments": {
            "episodeId": "press07-1741614540000",
            "reasonCode": "jam",
            "reasonText": "Part jammed at station 2"
          }
        }
        """;

    public const string DowntimeTopic = Cell + "/_downtime";

    public const string Downtime = """
        {
          "v": 1,
          "ts": 1741615080000,
          "episodeId": "press07-1741614540000",
          "state": "down",
          "start": 1741614540000,
          "reasonCode": "jam",
          "reasonText": "Part jammed at station 2",
          "classified": true,
          "planned": false
        }
        """;
}
