namespace UnsMes.Uns.Tests.Examples;

public static partial class ContractExamples
{
    public const string MasterTopic = Site + "/_master/product/BRK-200";

    public const string Master = """
        {
          "v": 1,
          "ts": 1741593600000,
          "name": "Brake bracket 200",
          "attributes": { "unit": "pcs", "drawing": "DRW-200-C", "materialGroup": "stampings" }
        }
        """;

    public const string StatusTopic = "uns/v1/_status/oee";

    public const string Status = """
        {
          "v": 1,
          "ts": 1741615200000,
          "health": "healthy",
          "instance": "oee-0",
          "version": "1.0.0",
          "detail": { "openEpisodes": "1", "lagMs": "35" }
        }
        """;

    // The rejected message was 66 bytes of UTF-8: the payloadText below without its JSON escapes.
    public const string DeadLetterTopic = "uns/v1/_deadletter/broker";

    public const string DeadLetter = """
        {
          "v": 1,
          "ts": 1741615200000,
          "reason": "Topic 'uns/v1/acme/dayton/stamping/line3/_state': _state belongs under a cell, not under a line.",
          "originalTopic": "uns/v1/acme/dayton/stamping/line3/_state",
          "senderClientId": "edge-line3",
          "senderUser": "edge",
          "payloadBytes": 66,
          "payloadText": "{\"v\":1,\"ts\":1741615190000,\"state\":\"running\",\"since\":1741615190000}",
          "payloadTruncated": false
        }
        """;
}
