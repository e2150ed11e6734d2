package org.orderly.bridge.lease;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.slf4j.LoggerFactory;

/**
 * A race between the watchdog's tick and a new grant. The tick decides under the watchdog's lock that the lease lapsed
 * and sets its setpoint to the safe current, then, outside the lock, logs and hands the fallback to the pile. A PUT
 * /limit granted in between (a gateway whose refresh arrives just after expiry, or after a short outage) sets and
 * applies its lease first; the tick's stale fallback then lands after it. The pile drives the safe current (here 6 A)
 * though the lease just granted (0 A, a pause) was acknowledged 2.04 "in force at once", /status says no lease, and
 * the watchdog, holding the new lease, never corrects it until the gateway's next PUT.
 *
 * <p>The window is made wide, deterministically, by holding the tick's thread in its own WARN line (the log is a
 * moment between the lock's release and the hand-over; any preemption there does the same).
 */
class LeaseAfterLapseRaceTest {

    @Test
    @Timeout(30)
    void aLeaseGrantedWhileATickFallsBackIsTheOneThePileDrives() throws Exception {
        MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
        InMemoryControlPilot pilot = new InMemoryControlPilot();
        SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        car.plugIn();
        Pile pile = new Pile(PileConfig.homePile("P1"), pilot, car, clock, clock, clock);
        pile.grant(16.0, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10)); // the lease has lapsed; the next tick falls back

        CountDownLatch inWarn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Logger watchdogLog = (Logger) LoggerFactory.getLogger(LeaseWatchdog.class);
        AppenderBase<ILoggingEvent> holding = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().contains("falling back") && inWarn.getCount() > 0) {
                    inWarn.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        holding.start();
        watchdogLog.addAppender(holding);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            pile.start(executor, Duration.ofMillis(50));
            assertThat(inWarn.await(10, TimeUnit.SECONDS)).as("the tick found the lease lapsed").isTrue();

            Lease paused = pile.grant(0.0, Duration.ofSeconds(30)); // the gateway's PUT: answered 2.04
            assertThat(pile.status().ampsOffered()).as("the pause is in force at once").isZero();

            release.countDown();
            Thread.sleep(300); // the tick ends; several more ticks and steps run
            assertThat(pile.leaseExpiry()).as("the watchdog holds the new lease").contains(paused.expiry());
            assertThat(pile.status().leaseExpiry()).as("/status's leaseExpiry: %s", pile.status())
                    .contains(paused.expiry());
            assertThat(pile.status().ampsOffered())
                    .as("the pile offers the 0 A lease granted and acknowledged, not the lapsed lease's fallback: %s",
                            pile.status())
                    .isZero();
            assertThat(pilot.currentSignal().amps()).as("the pilot signals").isZero();
        } finally {
            release.countDown();
            watchdogLog.detachAppender(holding);
            pile.close();
            executor.shutdownNow();
        }
    }
}
