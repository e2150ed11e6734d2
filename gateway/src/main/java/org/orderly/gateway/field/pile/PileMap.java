package org.orderly.gateway.field.pile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.field.modbus.DataType;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;

/**
 * What to write and read on a pile that speaks Modbus: {@code config/devices/*-pile.yaml}, loaded by
 * {@link PileMapLoader}. The status registers use the meter map format ({@link RegisterMap}).
 *
 * @param limit    the current-limit register (A)
 * @param watchdog a register that makes the pile hold the limit only this many seconds; the lease ttl is
 *                 written there before every limit. Without it the pile cannot fall back on its own.
 * @param fallback a register for the pile's own safe current (A), written before the first limit
 * @param states   raw value of {@code state.code} → IEC 61851 state
 * @param status   status registers: {@code state.code} (required), {@code current.offered.a},
 *                 {@code power.total.kw}, {@code energy.session.kwh}
 */
public record PileMap(String model, String source, PileRegister limit, Optional<PileRegister> watchdog,
                      Optional<PileRegister> fallback, Map<Integer, ChargeState> states, RegisterMap status) {

    public static final String STATE = "state.code";
    public static final String AMPS_OFFERED = "current.offered.a";
    public static final String POWER = "power.total.kw";
    public static final String SESSION_ENERGY = "energy.session.kwh";

    public PileMap {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(fallback, "fallback");
        states = Map.copyOf(states);
        Objects.requireNonNull(status, "status");
    }

    public Optional<RegisterPoint> point(String quantity) {
        return status.points().stream().filter(p -> p.quantity().equals(quantity)).findFirst();
    }

    /**
     * The smallest step its {@code energy.session.kwh} register can show a count move by, in kWh: an integer register's
     * scale (0.1 kWh, 1 kWh); 0 for a float register, whose count moves by any amount, or a map without one. The driver's
     * bound on a count ({@link SessionEnergyBound}) and the session tracker's word on a register read 0 once
     * ({@code app.live.CountBegunAgain}) both allow it.
     */
    public double sessionEnergyStepKwh() {
        return point(SESSION_ENERGY).filter(p -> p.type() != DataType.FLOAT32).map(p -> Math.abs(p.scale())).orElse(0.0);
    }
}
