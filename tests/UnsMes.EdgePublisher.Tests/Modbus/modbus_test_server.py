"""An independent Modbus TCP server for the Modbus connector tests (pymodbus 3.0).

Usage: python3 modbus_test_server.py PORT

Listens on 127.0.0.1:PORT and prints READY once it accepts connections. Addresses are the protocol's
zero-based addresses (zero_mode), so "holding register 4" is what a client asks for with address 4.

Unit 1: the datastore below (ModbusTestServer.cs in this folder holds the same layout for the tests).
        Reading past the end of a block answers IllegalDataAddress (exception code 2).
Unit 2: answers every request with ServerDeviceBusy (exception code 6).
Any other unit id is ignored without an answer, so a client waiting for it times out.

The values are packed here with Python's struct module, independently of the C# decoder under test.
"""

import asyncio
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.pdu import ExceptionResponse
from pymodbus.server import StartAsyncTcpServer

NORMAL_UNIT = 1
BUSY_UNIT = 2
SERVER_DEVICE_BUSY = 6


def words(fmt, value):
    """Big-endian 16-bit registers of a packed value (ABCD order)."""
    data = struct.pack(fmt, value)
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def word_swapped(fmt, value):
    """The same value with its registers in reverse order (CDAB for 32 bits)."""
    return list(reversed(words(fmt, value)))


def holding_registers():
    registers = [0] * 32
    registers[0:2] = words(">f", 12.5)              # float32 ABCD
    registers[2:4] = word_swapped(">f", 12.5)       # float32 CDAB
    registers[4:6] = words(">i", -123456789)        # int32 ABCD
    registers[6] = words(">h", -100)[0]             # int16
    registers[7] = words(">H", 54321)[0]            # uint16
    registers[8] = 0b0000_0000_0000_0101            # bits 0 and 2 set
    registers[9:13] = words(">d", -2.5)             # float64 ABCD
    registers[13:17] = words(">q", -9876543210)     # int64 ABCD
    registers[17] = words(">h", 215)[0]             # int16 for scale/offset (21.5 degC at scale 0.1)
    # 20..31 stay zero: room for write tests.
    return registers


def input_registers():
    registers = [0] * 8
    registers[0] = 1234                             # uint16
    registers[1:3] = words(">f", 230.5)             # float32 ABCD
    registers[3:5] = words(">I", 3000000000)        # uint32 ABCD
    return registers


COILS = [True, False, True, True, False, False, False, False, False, False, False, False, False, False, False, True]
DISCRETE_INPUTS = [False, True, False, False, True, False, False, False]


def device():
    return ModbusSlaveContext(
        hr=ModbusSequentialDataBlock(0, holding_registers()),
        ir=ModbusSequentialDataBlock(0, input_registers()),
        co=ModbusSequentialDataBlock(0, COILS),
        di=ModbusSequentialDataBlock(0, DISCRETE_INPUTS),
        zero_mode=True,
    )


def answer_busy_for_busy_unit(response):
    """pymodbus calls this with every response before sending it; unit 2 gets an exception instead."""
    if response.unit_id != BUSY_UNIT:
        return response, False
    busy = ExceptionResponse(response.function_code & 0x7F, SERVER_DEVICE_BUSY)
    busy.transaction_id = response.transaction_id
    busy.unit_id = response.unit_id
    return busy, False


async def main(port):
    context = ModbusServerContext(slaves={NORMAL_UNIT: device(), BUSY_UNIT: device()}, single=False)
    server = await StartAsyncTcpServer(
        context=context,
        address=("127.0.0.1", port),
        defer_start=True,
        allow_reuse_address=True,  # a restarted server binds the port again while old connections linger
        response_manipulator=answer_busy_for_busy_unit,
    )
    serving = asyncio.create_task(server.serve_forever())
    # server.serving completes once the port is bound; if binding fails, serve_forever ends first instead.
    await asyncio.wait({serving, server.serving}, return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        serving.result()
        sys.exit("the server stopped before it was listening")
    print("READY", flush=True)
    await serving


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: modbus_test_server.py PORT")
    asyncio.run(main(int(sys.argv[1])))
