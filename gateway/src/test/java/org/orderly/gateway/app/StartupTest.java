package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a start-up closes and when: what has started, last started first, once; a stop from another thread (the
 * shutdown hook) waits for the part being started, then closes it with the rest and refuses the next part.
 */
class StartupTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private void part(Startup s, String name) {
        try (Startup.Step step = s.begin(name)) {
            step.started(name, closed::add);
        }
    }

    @Test
    void closesWhatStartedLastStartedFirstOnce() {
        Startup s = Startup.of("test");
        part(s, "store");
        Startup gateway = s.child("gateway");
        gateway.atClose("last line", () -> closed.add("gateway stopped"));
        part(gateway, "pollers");
        part(gateway, "loop");
        part(s, "watchdog");

        s.close();
        s.close();

        assertThat(closed).containsExactly("watchdog", "loop", "pollers", "gateway stopped", "store");
    }

    /**
     * A stop from an interrupted thread (or one a part leaves interrupted: the upstream link keeps the stopping thread's
     * interrupt) gives every part an uninterrupted thread, so that each one's bounded wait (the store writer's last
     * writes) is waited; the caller still sees its interrupt at the end.
     */
    @Test
    void everyPartIsClosedOnAThreadNotInterruptedAndTheCallerKeepsItsInterrupt() {
        List<String> interruptedAtClose = new CopyOnWriteArrayList<>();
        Startup s = Startup.of("test");
        s.atClose("store", () -> noteInterrupt("store", interruptedAtClose));
        Startup gateway = s.child("gateway");
        gateway.atClose("pollers", () -> noteInterrupt("pollers", interruptedAtClose));
        gateway.atClose("upstream link", () -> {
            noteInterrupt("upstream link", interruptedAtClose);
            Thread.currentThread().interrupt(); // as MqttLink.close() keeps the interrupt its wait for Paho took
        });

        Thread.currentThread().interrupt();
        s.close();

        assertThat(Thread.interrupted()).as("the caller's interrupt kept").isTrue();
        assertThat(interruptedAtClose).as("parts closed on an interrupted thread").isEmpty();
    }

    private static void noteInterrupt(String part, List<String> interrupted) {
        if (Thread.currentThread().isInterrupted()) {
            interrupted.add(part);
        }
    }

    @Test
    void aChildClosedByItsOwnerIsNotClosedAgain() {
        Startup s = Startup.of("test");
        Startup gateway = s.child("gateway");
        part(gateway, "loop");

        gateway.close();
        s.close();

        assertThat(closed).containsExactly("loop");
    }

    @Test
    @Timeout(30)
    void aStopWaitsForThePartBeingStartedThenClosesItAndRefusesTheNext() throws Exception {
        Startup s = Startup.of("test");
        part(s, "store");
        Thread stopper;
        try (Startup.Step step = s.begin("page")) {
            stopper = new Thread(() -> s.stop(Duration.ofSeconds(20)), "stopper");
            stopper.start();
            while (stopper.getState() != Thread.State.TIMED_WAITING) {
                assertThat(stopper.isAlive()).as("the stop waits for the page").isTrue();
                Thread.sleep(10);
            }
            assertThat(closed).as("nothing closed while the page starts").isEmpty();
            step.started("page", closed::add);
        }
        stopper.join();

        assertThat(closed).containsExactly("page", "store");
        assertThatThrownBy(() -> s.begin("watchdog")).isInstanceOf(Startup.Stopped.class)
                .hasMessage("watchdog not started: test is shutting down");
        assertThatThrownBy(s::complete).isInstanceOf(Startup.Stopped.class);
    }

    @Test
    @Timeout(30)
    void aPartThatOutlastsTheStopsWaitIsClosedWhenItHasStarted() throws Exception {
        Startup s = Startup.of("test");
        part(s, "store");
        try (Startup.Step step = s.begin("hanging page")) {
            Thread stopper = new Thread(() -> s.stop(Duration.ZERO), "stopper");
            stopper.start();
            stopper.join();
            assertThat(closed).as("what started before it").containsExactly("store");
            step.started("hanging page", closed::add);
        }

        assertThat(closed).containsExactly("store", "hanging page");
    }

    @Test
    void aStopAfterStartUpClosesEverythingAndAStopAfterACloseDoesNothing() {
        Startup s = Startup.of("test");
        part(s, "store");
        s.complete();
        s.stop(Duration.ofSeconds(1));
        s.stop(Duration.ofSeconds(1));

        assertThat(closed).containsExactly("store");
    }
}
