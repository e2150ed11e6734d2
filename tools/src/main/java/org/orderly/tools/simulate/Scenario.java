package org.orderly.tools.simulate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.tariff.Tariff;

/**
 * A checked scenario, ready to run: the compound, its tariff and household load, the sessions
 * residents made (with what the policy must not see), the grid events and the remembered history.
 * {@code offset} is the one written in {@code start}: output times are written in it.
 */
public record Scenario(String name, ZoneId zone, ZoneOffset offset, Instant start, Instant end, int stepSeconds, double penaltyPerKWh,
                       Compound compound, Tariff tariff, int baseIntervalSeconds, double[] baseKw,
                       List<SimSession> sessions, List<GridEvent> gridEvents, List<PastSession> history) {

    /** A session as it really happened; {@code energyKWh} and {@code maxPowerKw} are hidden from the policy. */
    public record SimSession(String id, int pileIndex, Instant arrival, Instant departure, double energyKWh,
                             double maxPowerKw, Declaration declared) {
    }

    /** A grid cap and the moment the policy learns of it. */
    public record GridEvent(Instant issuedAt, GridCap cap) {
    }

    public int steps() {
        return (int) ((end.getEpochSecond() - start.getEpochSecond()) / stepSeconds);
    }

    public Instant stepStart(int k) {
        return start.plusSeconds((long) k * stepSeconds);
    }

    public double baseKwAtStep(int k) {
        return baseKw[(int) ((long) k * stepSeconds / baseIntervalSeconds)];
    }

    /** First step the session is plugged for its whole span. */
    public int firstStep(SimSession s) {
        long offset = s.arrival().getEpochSecond() - start.getEpochSecond();
        long nanos = s.arrival().getNano();
        long k = Math.floorDiv(offset, stepSeconds);
        boolean exact = Math.floorMod(offset, stepSeconds) == 0 && nanos == 0;
        // clamped before the cast: a session years away has a step index no int holds
        return (int) Math.min(steps(), Math.max(0, exact ? k : k + 1));
    }

    /** One past the last step the session is plugged for its whole span. */
    public int endStep(SimSession s) {
        long offset = s.departure().getEpochSecond() - start.getEpochSecond();
        return (int) Math.max(0, Math.min(steps(), Math.floorDiv(offset, stepSeconds)));
    }
}
