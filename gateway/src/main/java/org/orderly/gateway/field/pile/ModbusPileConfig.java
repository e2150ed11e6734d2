package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.serial.UnitAddress;

/**
 * A pile written to directly over Modbus.
 *
 * @param pileId      the pile's id
 * @param endpoint    Modbus TCP host:port or RTU serial line (the {@code field.modbus} endpoint)
 * @param unitId      the pile's unit (slave) id
 * @param map         its register map
 * @param lease       ttl written to the watchdog register; refreshed every ttl/3
 * @param safeAmps    written to the fallback register, if the map has one; empty: the register is left as it is, for
 *                    a command that knows no configuration ({@code orderly pile set}) and so no safe current to leave
 * @param timeout     per request: in the gateway its bus's {@code timing.timeoutMs}, a pile having none of its own
 * @param statusEvery how often the status registers are read
 * @param bus         the name of its bus in the configuration, which the log names when its serial port will not open;
 *                    empty for a command's {@code --modbus-port}, which has none
 * @param rating      what the gateway's configuration says the pile can draw, bounding the power its map reads
 *                    ({@link OwnDrawBound}); empty for a command that shows or judges the reading as it is (selftest
 *                    fails its row with the value, {@code orderly pile} shows it)
 * @param worldSpeed  how many times faster than real time the world runs: a sped-up demo's {@code --speed}, whose piles
 *                    count their cars' energy on the world's clock; 1 for a real gateway and the commands. The session
 *                    energy bound allows as many seconds of delivery a second ({@link SessionEnergyBound})
 */
public record ModbusPileConfig(String pileId, BusEndpoint endpoint, int unitId, PileMap map, LeaseTiming lease,
                               OptionalDouble safeAmps, Duration timeout, Duration statusEvery, Optional<String> bus,
                               Optional<PileRating> rating, double worldSpeed) {

    public ModbusPileConfig {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(safeAmps, "safeAmps");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(statusEvery, "statusEvery");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(rating, "rating");
        if (!UnitAddress.isUnit(unitId)) {
            // 0 too, which until 2026-12-07 (rtu62) was taken: a broadcast, whose write no pile acknowledges
            throw new IllegalArgumentException("pile " + pileId + ": unit id must be " + UnitAddress.RANGE + ", was " + unitId);
        }
        if (safeAmps.isPresent() && (!(safeAmps.getAsDouble() >= 0) || !Double.isFinite(safeAmps.getAsDouble()))) {
            throw new IllegalArgumentException("pile " + pileId + ": safe current must be >= 0 A, was " + safeAmps.getAsDouble());
        }
        if (timeout.toMillis() < 10 || timeout.compareTo(lease.refreshEvery()) >= 0) {
            throw new IllegalArgumentException("pile " + pileId + ": timeout " + timeout
                    + " must be >= 10 ms and shorter than the lease refresh period " + lease.refreshEvery());
        }
        PileWorldSpeed.check(pileId, worldSpeed);
        if (statusEvery.toMillis() < 100) {
            throw new IllegalArgumentException("pile " + pileId + ": statusEvery must be >= 100 ms, was " + statusEvery);
        }
    }

    /** A 10 s lease, 6 A safe current, 300 ms timeout, status every second. */
    public static ModbusPileConfig of(String pileId, BusEndpoint endpoint, int unitId, PileMap map) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, LeaseTiming.defaults(), OptionalDouble.of(6.0),
                Duration.ofMillis(300), Duration.ofSeconds(1), Optional.empty(), Optional.empty(), PileWorldSpeed.REAL);
    }

    /** This pile with {@code amps} to write to its fallback register. */
    public ModbusPileConfig withSafeAmps(double amps) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, OptionalDouble.of(amps), timeout,
                statusEvery, bus, rating, worldSpeed);
    }

    /** This pile with its fallback register left as it is: no safe current known to write there. */
    public ModbusPileConfig withFallbackLeftAsItIs() {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, OptionalDouble.empty(), timeout,
                statusEvery, bus, rating, worldSpeed);
    }

    /** This pile on the configuration's bus {@code name}. */
    public ModbusPileConfig onBus(String name) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, safeAmps, timeout, statusEvery,
                Optional.of(name), rating, worldSpeed);
    }

    /** This pile with {@code timeout} per request: its bus's. */
    public ModbusPileConfig withTimeout(Duration timeout) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, safeAmps, timeout, statusEvery, bus, rating, worldSpeed);
    }

    public ModbusPileConfig with(LeaseTiming lease, Duration statusEvery) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, safeAmps, timeout, statusEvery, bus, rating, worldSpeed);
    }

    /** This pile with the power its map reads bounded by {@code rating}: its configured {@code maxA} and phases. */
    public ModbusPileConfig withRating(PileRating rating) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, safeAmps, timeout, statusEvery, bus,
                Optional.of(rating), worldSpeed);
    }

    /** This pile in a world that runs {@code speed} times faster than real time (a sped-up demo's). */
    public ModbusPileConfig inWorldOfSpeed(double speed) {
        return new ModbusPileConfig(pileId, endpoint, unitId, map, lease, safeAmps, timeout, statusEvery, bus, rating,
                speed);
    }
}
