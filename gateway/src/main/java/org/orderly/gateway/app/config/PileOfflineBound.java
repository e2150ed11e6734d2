package org.orderly.gateway.app.config;

import java.util.List;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.LeaseTiming;

/**
 * The least {@code control.pileOfflineAfterMs} may be, so that a healthy pile two of its reports late is not taken as
 * offline, and why. A pile on Modbus is read once a control period, and every pile is judged once a period: three
 * periods. A firmware-bridge notifies each change of its status, and each renewal of its lease (every ttl/3, sooner for
 * a short one) is one:
 * its ttl. A bridge whose lease is renewed more rarely is asked for its status when silent (PileDrivers: after 3/7 of
 * the offline time, at most 30 s, and then every third of that): the control cycle's default, which lets two asks
 * fail, or its ttl if less.
 *
 * @param ms  the least value, in ms
 * @param why what sets it, to follow "is less than " in the problem's line
 */
record PileOfflineBound(long ms, String why) {

    static PileOfflineBound of(int periodMs, List<PileConfig> piles) {
        PileOfflineBound least = new PileOfflineBound(3L * periodMs, "3 control periods (periodMs " + periodMs
                + "): a pile is read, and judged, once a period, and a healthy one would go offline when two reads are late");
        long asks = ControlCycle.DEFAULT_PILE_OFFLINE_AFTER.toMillis();
        for (PileConfig p : piles) {
            if (!(p.driver() instanceof PileDriver.Coap c)) {
                continue;
            }
            long ttlMs = c.ttlSeconds() * 1000L;
            LeaseTiming lease = LeaseTiming.ofSeconds(c.ttlSeconds());
            long renewalMs = lease.refreshEvery(CoapPileConfig.requestTimeoutFor(lease)).toMillis();
            PileOfflineBound bridge = ttlMs <= asks
                    ? new PileOfflineBound(ttlMs, "the lease of pile '" + p.pile().id() + "' (ttlSeconds " + c.ttlSeconds()
                            + "): its bridge is heard at each renewal, every " + renewalMs
                            + " ms, and a healthy one would go offline when two are late")
                    : new PileOfflineBound(asks, asks + " with pile '" + p.pile().id() + "' (ttlSeconds " + c.ttlSeconds()
                            + "): its bridge, renewed only every " + renewalMs + " ms, is asked for its status when "
                            + "silent, and a healthy one would go offline when two asks are late");
            if (bridge.ms > least.ms) {
                least = bridge;
            }
        }
        return least;
    }
}
