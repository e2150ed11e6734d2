package org.orderly.tools.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Writes every belief the policy forms (at plug-in, or when a declaration changes) as one CSV row: the stay and
 * the energy at the 5th, 10th, ..., 95th percentile. Read against the scenario's hidden outcomes
 * ({@code tools/bench/belief-calibration.py}), the rows show whether the beliefs are calibrated: a calibrated
 * belief has the real stay below its p-th percentile in a share p of the sessions.
 */
public final class RecordedBeliefs implements Beliefs {
    private static final int LEVELS = 19;
    public static final String HEADER = header();
    /** The stay's percentiles are read on this grid, up to the horizon; a stay beyond it is written as the horizon. */
    private static final long STEP_SECONDS = 60;
    private static final long HORIZON_SECONDS = 96 * 3600;

    private final Beliefs beliefs;
    private final Clock clock;
    private final ZoneOffset offset;
    private final Writer out;

    /**
     * @param offset the scenario's, in which times are written ({@link OutputTime})
     * @param out    where the rows go, after {@link #HEADER}; the caller closes it
     */
    public RecordedBeliefs(Beliefs beliefs, Clock clock, ZoneOffset offset, Writer out) {
        this.beliefs = beliefs;
        this.clock = clock;
        this.offset = offset;
        this.out = out;
    }

    @Override
    public SessionBelief believe(PluggedSession s) {
        SessionBelief belief = beliefs.believe(s);
        Instant formed = clock.instant();
        long now = formed.getEpochSecond();
        StringBuilder row = new StringBuilder(CsvField.of(s.id()))
                .append(',').append(OutputTime.of(formed, offset))
                .append(',').append(format(s.deliveredKWh()));
        long arrival = s.arrival().getEpochSecond();
        for (long departure : departurePercentiles(belief, now)) {
            row.append(',').append(format((departure - arrival) / 3600.0));
        }
        for (int k = 1; k <= LEVELS; k++) {
            row.append(',').append(format(belief.energyQuantile(0.05 * k, s.deliveredKWh(), now)));
        }
        try {
            out.write(row.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the belief about session " + s.id(), e);
        }
        return belief;
    }

    /** One walk along the survival curve, rather than a search per percentile. */
    private static long[] departurePercentiles(SessionBelief belief, long now) {
        long[] at = new long[LEVELS];
        int next = 0;
        for (long t = now; t <= now + HORIZON_SECONDS && next < LEVELS; t += STEP_SECONDS) {
            double left = 1 - belief.survival(t, now);
            while (next < LEVELS && left >= 0.05 * (next + 1) - 1e-9) {
                at[next++] = t;
            }
        }
        while (next < LEVELS) {
            at[next++] = now + HORIZON_SECONDS;
        }
        return at;
    }

    private static String header() {
        StringBuilder header = new StringBuilder("session,formedAt,deliveredKWh");
        for (int k = 1; k <= LEVELS; k++) {
            header.append(",stayH_p").append(String.format(Locale.ROOT, "%02d", 5 * k));
        }
        for (int k = 1; k <= LEVELS; k++) {
            header.append(",energyKWh_p").append(String.format(Locale.ROOT, "%02d", 5 * k));
        }
        return header.append('\n').toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void learn(PastSession s) {
        beliefs.learn(s);
    }

    @Override
    public String policyName() {
        return beliefs.policyName();
    }
}
