package org.orderly.gateway.field.modbus;

import java.util.List;

/** A meter's map of one holding register, the total power at address 0: one request a read, its reply 7 bytes. */
final class OneRegisterMap {
    static final RegisterMap POWER = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 0, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));

    private OneRegisterMap() {
    }
}
