package org.orderly.gateway.field.modbus;

import java.util.Optional;

/** The Modbus functions that write a pile's holding register. */
public enum WriteFunction {
    WRITE_SINGLE_REGISTER(6), WRITE_MULTIPLE_REGISTERS(16);

    private final int code;

    WriteFunction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<WriteFunction> of(int code) {
        return switch (code) {
            case 6 -> Optional.of(WRITE_SINGLE_REGISTER);
            case 16 -> Optional.of(WRITE_MULTIPLE_REGISTERS);
            default -> Optional.empty();
        };
    }
}
