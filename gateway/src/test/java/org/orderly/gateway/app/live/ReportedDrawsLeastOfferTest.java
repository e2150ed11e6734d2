package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/**
 * The least offer since a pile's latest draw ({@link ReportedDraws#leastOfferSinceDrawKw}), the one figure the control
 * cycle's households bound takes: a pile that reports less often than the offers {@link RecentOffers} keeps still has
 * it, not nothing (which would take nothing off the reading for it: room taken away for no cut).
 */
class ReportedDrawsLeastOfferTest {
    private static final Instant START = Instant.parse("2026-01-13T15:30:00Z");

    @Test
    void aPileReportingLessOftenThanTheOffersKeptKeepsTheLeastSinceItsDraw() {
        ReportedDraws draws = new ReportedDraws(1);
        draws.offered(0, tick(0), 7.04);
        assertThat(draws.see(observation(0, true, 7.04, 0, at(1)).build(), tick(1))).isTrue();
        draws.offered(0, tick(1), 5.0);
        for (int s = 2; s < 2 + 2 * RecentOffers.KEPT; s++) {
            draws.offered(0, tick(s), 7.04);
        }

        assertThat(draws.leastOfferSinceDrawKw(0)).isEqualTo(5.0);
    }

    @Test
    void aNewReportBeginsTheLeastAtTheOffersGivenSinceItsDrawWasMeasured() {
        ReportedDraws draws = new ReportedDraws(1);
        draws.offered(0, tick(0), 3.0);
        draws.offered(0, tick(1), 5.0);
        draws.offered(0, tick(2), 7.04);
        // Read at 3 s, of a draw measured at 1 s: the offer given at 1 s may have been sent after it.
        draws.see(observation(0, true, 7.04, 0, at(3)).drawAt(at(1), Duration.ofSeconds(2)).build(), tick(3));

        assertThat(draws.leastOfferSinceDrawKw(0)).isEqualTo(5.0);
    }

    private static Tick tick(int seconds) {
        return new Tick(Duration.ofSeconds(seconds).toNanos());
    }

    private static Instant at(int seconds) {
        return START.plusSeconds(seconds);
    }
}
