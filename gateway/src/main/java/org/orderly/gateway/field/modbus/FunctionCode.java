package org.orderly.gateway.field.modbus;

import java.util.Optional;

/** The two read functions a meter map may use. */
public enum FunctionCode {
    READ_HOLDING_REGISTERS(3), READ_INPUT_REGISTERS(4);

    private final int code;

    FunctionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<FunctionCode> of(int code) {
        return switch (code) {
            case 3 -> Optional.of(READ_HOLDING_REGISTERS);
            case 4 -> Optional.of(READ_INPUT_REGISTERS);
            default -> Optional.empty();
        };
    }
}
