package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A real cycle with the live policy (5 s to follow) over one single-phase pile of 6 to 32 A, run a second at a time at
 * 23:30 in Beijing (the valley: the policy charges at once), its meter's reading and its pile's report each given as
 * new or as the last one: for the tests of the least total now across what the reading and the reports lag.
 */
final class OnePileCycle {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    final Compound compound = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, 6, 32, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 8.0).ticker(ticker).build();
    private Instant saidAt;
    /** How long before it a new report's draw was measured: a bridge's report interval, a bus meter's round. */
    private Duration drawAgo = Duration.ZERO;
    private Instant readAt;
    private double readKw;
    private TransformerReading lastReading;
    private List<PileObservation> lastPiles;

    double kw(double amps) {
        return compound.kw(0, amps);
    }

    Instant now() {
        return clock.instant();
    }

    /** The car charging at 32 A beside {@code householdsKw}, said each second, the meter read each second. */
    void chargeAt32(double householdsKw) {
        double drewA = 0;
        for (int i = 0; i < 60 && drewA < 32; i++) {
            drewA = run(householdsKw + kw(drewA), Duration.ZERO, kw(drewA), true).allocation().amps()[0];
        }
        assertThat(drewA).as("offered 32 A").isEqualTo(32);
        run(householdsKw + kw(32), Duration.ZERO, kw(32), true);
    }

    /**
     * A second on, a cycle with the meter's total {@code readKw} read {@code readAgo}, and the car drawing {@code carKw}
     * as its pile said now ({@code newReport}) or when it last did.
     */
    CycleResult run(double readKw, Duration readAgo, double carKw, boolean newReport) {
        advance();
        this.readKw = readKw;
        readAt = clock.instant().minus(readAgo);
        return cycle(carKw, newReport);
    }

    /** A second on, a cycle with the meter not read again, and the car as in {@link #run}. */
    CycleResult runUnread(double carKw, boolean newReport) {
        advance();
        return cycle(carKw, newReport);
    }

    /** The pile's next reports carry a draw measured {@code ago} before they come. */
    void drawnAgo(Duration ago) {
        drawAgo = ago;
    }

    /** The telemetry of {@code result}, the last cycle's, with the reading and the piles it was given. */
    TelemetryBody telemetry(CycleResult result) {
        return new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), lastReading, lastPiles, result));
    }

    private void advance() {
        clock.set(clock.instant().plusSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
    }

    private CycleResult cycle(double carKw, boolean newReport) {
        if (newReport) {
            saidAt = clock.instant().minus(drawAgo);
        }
        lastReading = new TransformerReading(readKw, readAt, Duration.between(readAt, clock.instant()));
        lastPiles = List.of(observation(0, true, carKw, 0, saidAt).age(Duration.between(saidAt, clock.instant())).build());
        return cycle.run(lastReading, lastPiles, List.of());
    }
}
