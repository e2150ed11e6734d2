package org.orderly.gateway.app.live;

/**
 * How many of one cycle's piles are plugged in, charging, offline and plugged in without a measured draw, counted once
 * from its {@link CycleSeen} for the page's card ({@code /api/overview}'s {@code plugged}, {@code charging},
 * {@code offline}, {@code unmeasured}) and the telemetry's {@code piles} alike. Until 2026-12-07 the card counted its
 * plugged in and unmeasured piles from the pile reports newer than the cycle, so that after an unplug it could say
 * another count than the telemetry of that cycle (OverviewCarGoneTest).
 *
 * @param plugged    piles heard from ({@link CycleSeen#heard}) reporting a car plugged in; an offline pile is in none
 *                   of these but {@code offline}, and a pile not heard from since the start in none
 * @param charging   piles {@link CycleSeen#charging}: drawing more than {@link CycleSeen#CHARGING_KW}
 * @param offline    piles the cycle found offline ({@link CycleSeen#offline})
 * @param unmeasured plugged in piles whose report does not measure their car's draw
 *                   ({@link PileObservation#drawKnown} false: a silent pile meter's estimate, a power-less Modbus 0)
 */
public record PileCounts(int plugged, int charging, int offline, int unmeasured) {
    public static PileCounts of(CycleSeen seen) {
        int plugged = 0;
        int charging = 0;
        int offline = 0;
        int unmeasured = 0;
        for (PileObservation p : seen.piles()) {
            if (seen.offline(p)) {
                offline++;
            } else if (seen.heard(p)) {
                plugged += p.plugged() ? 1 : 0;
                unmeasured += p.plugged() && !p.drawKnown() ? 1 : 0;
                charging += seen.charging(p) ? 1 : 0;
            }
        }
        return new PileCounts(plugged, charging, offline, unmeasured);
    }
}
