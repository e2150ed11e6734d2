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
    /** The live policy's time to follow a lower offer. */
    private static final Duration FOLLOW = Duration.ofSeconds(5);
    private static final Instant START = Instant.parse("2026-01-13T15:30:00Z");

    @Test
    void aPileReportingLessOftenThanTheOffersKeptKeepsTheLeastSinceItsDraw() {
        ReportedDraws draws = new ReportedDraws(1, FOLLOW);
        draws.offered(0, tick(0), 7.04);
        assertThat(draws.see(observation(0, true, 7.04, 0, at(1)).build(), tick(1))).isTrue();
        draws.offered(0, tick(1), 5.0);
        for (int s = 2; s < 2 + 2 * RecentOffers.KEPT; s++) {
            draws.offered(0, tick(s), 7.04);
        }

        assertThat(draws.leastOfferSinceDrawKw(0, tick(200))).isEqualTo(5.0);
    }

    @Test
    void aNewReportBeginsTheLeastAtTheOffersGivenSinceItsDrawWasMeasured() {
        ReportedDraws draws = new ReportedDraws(1, FOLLOW);
        draws.offered(0, tick(0), 3.0);
        offer(draws, 7.04, 1, 8);
        draws.offered(0, tick(8), 5.0);
        draws.offered(0, tick(9), 7.04);
        // Read at 10 s, of a draw measured at 8 s: the offer given at 8 s may have been sent after it; the cut at 0 s
        // was longer than the time to follow before the draw, which holds the car's answer to it.
        draws.see(observation(0, true, 7.04, 0, at(10)).drawAt(at(8), Duration.ofSeconds(2)).build(), tick(10));

        assertThat(draws.leastOfferSinceDrawKw(0, tick(10))).isEqualTo(5.0);
    }

    @Test
    void aCutLessThanTheTimeToFollowBeforeTheDrawIsOneTheCarMayStillFollow() {
        ReportedDraws draws = new ReportedDraws(1, FOLLOW);
        offer(draws, 7.04, 0, 4);
        draws.offered(0, tick(4), 1.32);
        draws.offered(0, tick(5), 7.04);
        // Measured a second after the cut, the draw is the car's old: it has 5 s to follow the cut.
        draws.see(observation(0, true, 7.04, 0, at(5)).drawAt(at(5), Duration.ZERO).build(), tick(5));

        assertThat(draws.leastOfferSinceDrawKw(0, tick(6))).as("a reading after the draw").isEqualTo(1.32);
        assertThat(draws.leastOfferSinceDrawKw(0, tick(5))).as("a reading with the draw: it holds the car's old draw")
                .isEqualTo(7.04);
    }

    @Test
    void aCarAboveItsOfferLongerThanTheTimeToFollowIsNotTakenToFollowIt() {
        ReportedDraws draws = new ReportedDraws(1, FOLLOW);
        offer(draws, 7.04, 0, 4);
        offer(draws, 1.32, 4, 11);
        // Measured 6.5 s after the cut, still at its old draw: the car does not follow, and its draw holds that.
        draws.see(observation(0, true, 7.04, 0, at(11)).drawAt(START.plusMillis(10_500), Duration.ofMillis(500))
                .build(), tick(11));

        assertThat(draws.leastOfferSinceDrawKw(0, tick(12))).isInfinite();
    }

    /**
     * A cut, then more offers than the ring keeps within the time to follow before the draw (cycles catching up after a
     * stall, 10 ms apart): the cut was dropped, and a reading after the draw may hold the car at it. What was dropped is
     * not known, so nothing is taken to be the least, as for the offers since a draw (until 2026-12-07 infinite: the
     * dropped cut taken for none, and the car's old draw taken off a reading that may hold the cut).
     */
    @Test
    void cutsDroppedFromTheRingWithinTheTimeToFollowBeforeTheDrawAreNotTakenForNone() {
        ReportedDraws draws = new ReportedDraws(1, FOLLOW);
        offer(draws, 7.04, 0, 4);
        draws.offered(0, tick(4), 1.32);
        for (int k = 1; k <= RecentOffers.KEPT + 6; k++) {
            draws.offered(0, new Tick(Duration.ofSeconds(4).plusMillis(10L * k).toNanos()), 7.04);
        }
        draws.see(observation(0, true, 7.04, 0, at(5)).drawAt(at(5), Duration.ZERO).build(), tick(5));

        assertThat(draws.leastOfferSinceDrawKw(0, tick(6))).as("a reading after the draw").isZero();
    }

    /** The same offer given at each second from {@code from} to before {@code to}. */
    private static void offer(ReportedDraws draws, double kw, int from, int to) {
        for (int s = from; s < to; s++) {
            draws.offered(0, tick(s), kw);
        }
    }

    private static Tick tick(int seconds) {
        return new Tick(Duration.ofSeconds(seconds).toNanos());
    }

    private static Instant at(int seconds) {
        return START.plusSeconds(seconds);
    }
}
