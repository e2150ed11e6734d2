package org.orderly.gateway.field.modbus;

import java.util.List;

/** One Modbus read request: {@code count} registers from {@code start}, holding {@code points}. */
public record ReadBlock(FunctionCode function, int start, int count, List<RegisterPoint> points) {

    public ReadBlock {
        points = List.copyOf(points);
    }

    @Override
    public String toString() {
        return "fc" + function.code() + " " + String.format("0x%04X", start) + "+" + count;
    }
}
