using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Modbus;

internal static partial class ModbusLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Connected to Modbus device at {Endpoint} (unit {UnitId})")]
    public static partial void Connected(ILogger logger, string endpoint, byte unitId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "Connection to Modbus device at {Endpoint} was broken ({Reason}); asking again on a new connection")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Polling Modbus device {Device} at {Endpoint} every {IntervalMs} ms: {Tags} tags in {Reads} reads, into {Cell}")]
    public static partial void Polling(ILogger logger, string device, string endpoint, int intervalMs, int tags, int reads, IsaPath cell);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Modbus device {Device} at {Endpoint} failed: {Reason}; its tags are reported bad, retrying in {RetryMs} ms")]
    public static partial void DeviceFailed(ILogger logger, string device, string endpoint, string reason, long retryMs);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Debug, Message = "Modbus device {Device} still failing (attempt {Attempt}): {Reason}; retrying in {RetryMs} ms")]
    public static partial void DeviceStillFailing(ILogger logger, string device, int attempt, string reason, long retryMs);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Modbus device {Device} answers again after {Failures} failed polls")]
    public static partial void DeviceRecovered(ILogger logger, string device, int failures);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Tag {Tag} of Modbus device {Device} decoded to {Value}, which is not a number; reported bad")]
    public static partial void NotANumber(ILogger logger, string device, string tag, double value);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "Value of tag {Tag} of Modbus device {Device} could not be handed on; it is tried again on the next poll")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string device, string tag);

    [LoggerMessage(EventId = 4209, Level = LogLevel.Error, Message = "Polling Modbus device {Device} failed unexpectedly; its tags are reported bad and the poll is retried")]
    public static partial void PollCrashed(ILogger logger, Exception exception, string device);
}
