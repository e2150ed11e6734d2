package org.orderly.gateway.app.config;

import java.util.List;
import java.util.stream.Collectors;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.pile.LeaseTiming;

/**
 * The longest {@code timing.timeoutMs} a bus takes: {@link TimeoutBound#MOST_MS}, and on a bus carrying Modbus piles
 * less than their lease's renewal period, each renewal waiting up to the bus's timeout for its answer (every Modbus
 * pile has the default lease, {@link LeaseTiming#defaults()}). Check-config refuses more, and what a late meter is told
 * to give its bus is held to it.
 */
public final class BusTimeouts {
    private BusTimeouts() {
    }

    /** The longest timeout of a bus carrying a Modbus pile: 3333 ms, below the 10 s lease's renewal every 3333.3 ms. */
    static long mostWithModbusPiles() {
        return LeaseTiming.defaults().refreshEvery().minusNanos(1).toMillis();
    }

    /** Why a bus carrying the Modbus piles {@code pileIds} takes no longer a timeout: said after the value. */
    static String whyWithModbusPiles(List<String> pileIds) {
        LeaseTiming lease = LeaseTiming.defaults();
        return "the most a bus carrying Modbus piles takes (" + (pileIds.size() == 1 ? "pile " : "piles ")
                + pileIds.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ")) + ": a lease of "
                + lease.ttlSeconds() + " s, renewed every " + lease.refreshEvery().toMillis()
                + " ms, each renewal waiting up to the timeout for its answer)";
    }

    /** The longest timeout {@code config}'s bus {@code bus} takes, and why. */
    public static TimeoutBound of(GatewayConfig config, String bus) {
        List<String> piles = config.piles().stream()
                .filter(p -> p.driver() instanceof PileDriver.Modbus m && m.bus().equals(bus))
                .map(p -> p.pile().id()).toList();
        return piles.isEmpty() ? TimeoutBound.ANY : new TimeoutBound(mostWithModbusPiles(), whyWithModbusPiles(piles), true);
    }
}
