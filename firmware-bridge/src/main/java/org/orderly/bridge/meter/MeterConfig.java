package org.orderly.bridge.meter;

import java.time.Duration;
import java.util.Objects;
import org.orderly.serial.UnitAddress;

/**
 * Which meter the bridge reads, where, and how often.
 *
 * @param model     its register map
 * @param transport TCP or RTU
 * @param unit      its Modbus unit id (1..247)
 * @param period    time from the end of one read to the start of the next
 * @param timeout   how long one request waits for its answer
 */
public record MeterConfig(MeterModel model, MeterTransport transport, int unit, Duration period, Duration timeout) {

    public MeterConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(transport, "transport");
        if (!UnitAddress.isUnit(unit)) {
            throw new IllegalArgumentException("--meter-unit " + unit + ": must be within " + UnitAddress.RANGE);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("--meter-period-ms " + period.toMillis() + ": must be > 0");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--meter-timeout-ms " + timeout.toMillis() + ": must be > 0");
        }
    }

    /** The meter as the log names it: {@code Eastron SDM120 unit 1 on tcp://10.0.0.5:502}. */
    public String describe() {
        return model.label() + " unit " + unit + " on " + transport;
    }
}
