package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.Objects;

/**
 * A meter model's register map, as loaded from {@code config/devices/<model>.yaml}.
 *
 * @param model      the product, e.g. "Eastron SDM630"
 * @param source     the vendor document the addresses were checked against
 * @param maxGap     registers that may be read and discarded to join two points into one request
 * @param maxWords   the largest request the meter accepts
 */
public record RegisterMap(String model, String source, int maxGap, int maxWords, List<RegisterPoint> points) {

    public RegisterMap {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        points = List.copyOf(points);
        if (maxGap < 0 || maxWords < 2 || maxWords > 125) {
            throw new IllegalArgumentException(model + ": need maxGap >= 0 and 2 <= maxWords <= 125");
        }
    }
}
