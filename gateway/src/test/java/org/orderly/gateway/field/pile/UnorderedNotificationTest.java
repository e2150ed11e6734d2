package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * Notifications no Californium server sends, from a raw UDP peer on 127.0.0.1 ({@link RawObservedBridge}) once the
 * driver observes its {@code /status} (docs/firmware-bridge.md, "Hostile bridges"): one with an older Observe number
 * after a newer one, one sent twice, one under a token the gateway never used; confirmable, so that its ACK (or RST)
 * says the gateway has it, and non-confirmable. How many statuses the driver read is counted on its ticker ({@link #readings}).
 */
class UnorderedNotificationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    /** Readings of the driver's ticker: one at its start, and one for each status it takes (or refuses). */
    private final AtomicInteger readings = new AtomicInteger();
    /**
     * The system's ticker, counting its readings. The driver also reads it to check its observation, every third of
     * {@code statusStaleAfter}: here 10 minutes, so not within a test.
     */
    private final Ticker counting = () -> {
        readings.incrementAndGet();
        return Ticker.SYSTEM.now();
    };

    private CoapPileDriver started(RawObservedBridge bridge, RecordingListener listener) {
        return CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                        .with(LeaseTiming.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(10)), listener,
                Clock.systemUTC(), counting, new CoapEndpointPool());
    }

    private static double amps(CoapPileDriver driver) {
        return driver.latest().map(PileState::ampsOffered).orElse(-1.0);
    }

    @Test
    void olderDuplicateAndForeignNotificationsAreNotTakenAndEachIsAnswered() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RawObservedBridge bridge = new RawObservedBridge(); CapturedLog log = new CapturedLog();
             CoapPileDriver driver = started(bridge, listener)) {
            RawObservedBridge.Observer observer = bridge.observers.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(observer).as("the observation registered").isNotNull();
            Await.untilSeeing("the registration's status taken", WITHIN, () -> amps(driver) == 10.0, driver::latest);

            // A newer notification, then an older one with another body: the newer stands.
            byte[] newer = bridge.notification(observer.token(), 5, RawObservedBridge.status(12), Type.CON);
            bridge.send(newer, observer.gateway());
            Await.untilSeeing("the newer taken", WITHIN, () -> amps(driver) == 12.0, driver::latest);
            byte[] older = bridge.notification(observer.token(), 3, RawObservedBridge.status(11), Type.CON);
            bridge.send(older, observer.gateway());
            Await.untilSeeing("the older acknowledged", WITHIN,
                    () -> bridge.answerTo(RawObservedBridge.mid(older)).isPresent(), () -> bridge.empties);
            assertThat(bridge.answerTo(RawObservedBridge.mid(older))).map(RawObservedBridge.Empty::type).contains(Type.ACK);

            // The same notification twice, byte for byte: sent again once its ACK came, as a bridge whose ACK was lost
            // sends it (a copy sent at once, while the first is still being taken: DuplicateConNotificationTest).
            byte[] twice = bridge.notification(observer.token(), 7, RawObservedBridge.status(13), Type.CON);
            bridge.send(twice, observer.gateway());
            Await.untilSeeing("the first sending acknowledged", WITHIN,
                    () -> bridge.answerTo(RawObservedBridge.mid(twice)).isPresent(), () -> bridge.empties);
            bridge.send(twice, observer.gateway());
            Await.untilSeeing("both sendings acknowledged", WITHIN,
                    () -> bridge.empties.stream().filter(e -> e.mid() == RawObservedBridge.mid(twice)).count() == 2,
                    () -> bridge.empties);
            assertThat(bridge.empties).filteredOn(e -> e.mid() == RawObservedBridge.mid(twice))
                    .allSatisfy(e -> assertThat(e.type()).isEqualTo(Type.ACK));

            // A notification under a token the gateway never sent: refused (RST), not taken.
            byte[] foreign = bridge.notification(Token.fromProvider(new byte[] {0x0b, 0x0a, 0x0d}), 9,
                    RawObservedBridge.status(14), Type.CON);
            bridge.send(foreign, observer.gateway());
            Await.untilSeeing("the foreign one answered", WITHIN,
                    () -> bridge.answerTo(RawObservedBridge.mid(foreign)).isPresent(), () -> bridge.empties);
            assertThat(bridge.answerTo(RawObservedBridge.mid(foreign))).map(RawObservedBridge.Empty::type)
                    .contains(Type.RST);

            // The last, after all of them: once it is taken, every one before it was handled.
            byte[] last = bridge.notification(observer.token(), 11, RawObservedBridge.status(15), Type.CON);
            bridge.send(last, observer.gateway());
            Await.untilSeeing("the last taken", WITHIN, () -> amps(driver) == 15.0, driver::latest);

            assertThat(listener.failures).as("failures reported").isEmpty();
            assertThat(readings.get()).as("the start, and the statuses read: the registration's, 12 A, 13 A once, 15 A")
                    .isEqualTo(5);
            // Nothing said above DEBUG: a foreign token is a notification of an observation the gateway no longer
            // holds (one of before its restart, or one replaced), which the RST ends at the bridge.
            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
            assertThat(log.lines("ERROR")).as(log.text()).isEmpty();
        }
    }

    @Test
    void nonConfirmableOlderAndDuplicateNotificationsAreNotTaken() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RawObservedBridge bridge = new RawObservedBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            RawObservedBridge.Observer observer = bridge.observers.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(observer).as("the observation registered").isNotNull();
            Await.untilSeeing("the registration's status taken", WITHIN, () -> amps(driver) == 10.0, driver::latest);

            bridge.send(bridge.notification(observer.token(), 5, RawObservedBridge.status(12), Type.NON), observer.gateway());
            Await.untilSeeing("the newer taken", WITHIN, () -> amps(driver) == 12.0, driver::latest);
            bridge.send(bridge.notification(observer.token(), 3, RawObservedBridge.status(11), Type.NON), observer.gateway());
            byte[] twice = bridge.notification(observer.token(), 7, RawObservedBridge.status(13), Type.NON);
            bridge.send(twice, observer.gateway());
            bridge.send(twice, observer.gateway());
            // The last: Californium's endpoint takes one message after the other, so once it is taken so were those.
            bridge.send(bridge.notification(observer.token(), 11, RawObservedBridge.status(15), Type.NON), observer.gateway());
            Await.untilSeeing("the last taken", WITHIN, () -> amps(driver) == 15.0, driver::latest);

            assertThat(listener.failures).as("failures reported").isEmpty();
            assertThat(readings.get()).as("the start, and the statuses read: the registration's, 12 A, 13 A once, 15 A")
                    .isEqualTo(5);
            assertThat(bridge.empties).as("nothing answered to a NON").isEmpty();
        }
    }
}
