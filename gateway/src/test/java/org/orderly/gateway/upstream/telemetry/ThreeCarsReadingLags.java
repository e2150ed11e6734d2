package org.orderly.gateway.upstream.telemetry;

import java.time.Instant;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;

/**
 * The compound of the telemetry tests whose cycle's reading lags the piles' reports: the figures of a run of
 * GridCapHonestyLiveTest, three single-phase piles, one on each line, households 8.80 kW, cars drawing 5.40 kW on their
 * 32 A offers.
 */
final class ThreeCarsReadingLags {
    static final Compound COMPOUND = CompoundFixtures.compound().limitKw(60)
            .pile("p1", Phase.A, 6, 32, null).pile("p2", Phase.B, 6, 32, null).pile("p3", Phase.C, 6, 32, null)
            .build();
    static final Instant NOW = Instant.parse("2026-12-07T06:30:00Z");
    static final double HOUSEHOLDS_KW = 8.80;
    static final double CAR_KW = 5.40;
    /** The cars' offers: each may draw 32 A. */
    static final double OFFER_A = 32;

    private ThreeCarsReadingLags() {
    }
}
