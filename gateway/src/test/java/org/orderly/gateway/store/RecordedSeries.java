package org.orderly.gateway.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One series the gateway's recorder writes to the readings table ({@code CycleRecorder}): the store benchmarks fill
 * what a gateway of so many piles writes, so their stores are as large as a gateway's.
 */
record RecordedSeries(String meter, String quantity) {
    /**
     * The 5 + 2 x PILES series of a gateway of PILES piles: the transformer's {@code power.total.kw}; the compound's
     * {@code base.kw}, {@code base.bound.kw}, {@code ev.kw} and {@code ev.unmeasured.kw}; each pile's {@code power.kw}
     * and {@code setpoint.a} (meter {@code pile-P0} and on, as piles named P0, P1 ... are recorded).
     */
    static List<RecordedSeries> ofGateway(int piles) {
        List<RecordedSeries> all = new ArrayList<>(5 + 2 * piles);
        all.add(new RecordedSeries("transformer", "power.total.kw"));
        for (String q : new String[] {"base.kw", "base.bound.kw", "ev.kw", "ev.unmeasured.kw"}) {
            all.add(new RecordedSeries("compound", q));
        }
        for (int i = 0; i < piles; i++) {
            all.add(new RecordedSeries(pile(i), "power.kw"));
            all.add(new RecordedSeries(pile(i), "setpoint.a"));
        }
        return all;
    }

    /** The meter name the recorder gives pile number I's readings. */
    static String pile(int i) {
        return "pile-P" + i;
    }
}
