namespace UnsMes.EdgePublisher.Modbus;

/// <summary>Why a device refused a request: the code it sends after the function code with its high bit set.</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>The device does not implement the function.</summary>
    IllegalFunction = 0x01,
    /// <summary>The address, or the address plus the count, is outside what the device maps.</summary>
    IllegalDataAddress = 0x02,
    /// <summary>A value in the request (often the count) is not allowed.</summary>
    IllegalDataValue = 0x03,
    /// <summary>The device failed while performing the request.</summary>
    ServerDeviceFailure = 0x04,
    /// <summary>The device accepted a long-running request; ask again later.</summary>
    Acknowledge = 0x05,
    /// <summary>The device is busy with a long-running request; ask again later.</summary>
    ServerDeviceBusy = 0x06,
    MemoryParityError = 0x08,
    /// <summary>A gateway has no path to the unit id asked for.</summary>
    GatewayPathUnavailable = 0x0A,
    /// <summary>A gateway forwarded the request but the device behind it did not answer.</summary>
    GatewayTargetFailedToRespond = 0x0B,
}
