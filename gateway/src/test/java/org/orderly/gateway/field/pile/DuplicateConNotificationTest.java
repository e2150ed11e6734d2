package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.Await;

/**
 * A confirmable notification the bridge sends twice, the second copy at once after the first (a bridge that sent it
 * again before the first's ACK reached it, or a link that doubled it), from a raw UDP peer on 127.0.0.1
 * ({@link RawObservedBridge}): every copy is acknowledged (RFC 7252 4.5, a duplicate Confirmable message is acknowledged
 * again), and the notification is taken once.
 */
class DuplicateConNotificationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** Notifications sent twice: the second copy comes while the first is still being taken for some of them. */
    private static final int PAIRS = 40;

    /** Readings of the driver's ticker: one at its start, one for each status it takes (as UnorderedNotificationTest). */
    private final AtomicInteger readings = new AtomicInteger();
    /** The system's ticker, counting: the driver's observation check reads it every 200 s, not within the test. */
    private final Ticker counting = () -> {
        readings.incrementAndGet();
        return Ticker.SYSTEM.now();
    };

    @Test
    void eachCopyOfAConfirmableNotificationSentTwiceAtOnceIsAcknowledged() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RawObservedBridge bridge = new RawObservedBridge();
             CoapPileDriver driver = CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                             .with(LeaseTiming.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(10)), listener,
                     Clock.systemUTC(), counting, new CoapEndpointPool())) {
            RawObservedBridge.Observer observer = bridge.observers.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(observer).as("the observation registered").isNotNull();
            Await.untilSeeing("the registration's status taken", WITHIN,
                    () -> driver.latest().map(PileState::ampsOffered).orElse(-1.0) == 10.0, driver::latest);

            List<Integer> mids = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                byte[] twice = bridge.notification(observer.token(), 10 + i, RawObservedBridge.status(11 + i % 2), Type.CON);
                mids.add(RawObservedBridge.mid(twice));
                bridge.send(twice, observer.gateway());
                bridge.send(twice, observer.gateway());
            }
            // The last, sent once after them all: once its ACK came, every copy before it was answered or dropped.
            byte[] last = bridge.notification(observer.token(), 10 + PAIRS, RawObservedBridge.status(15), Type.CON);
            bridge.send(last, observer.gateway());
            Await.untilSeeing("the last acknowledged", WITHIN,
                    () -> bridge.answerTo(RawObservedBridge.mid(last)).isPresent(), () -> bridge.empties);
            Await.untilSeeing("the last taken", WITHIN,
                    () -> driver.latest().map(PileState::ampsOffered).orElse(-1.0) == 15.0, driver::latest);

            Map<Integer, Long> acks = new TreeMap<>();
            mids.forEach(mid -> acks.put(mid, bridge.empties.stream()
                    .filter(e -> e.mid() == mid && e.type() == Type.ACK).count()));
            assertThat(acks).as("ACKs for each notification sent twice, by message id").allSatisfy((mid, n) ->
                    assertThat(n).as("ACKs of message %d", mid).isEqualTo(2L));
            assertThat(listener.failures).as("failures reported").isEmpty();
            assertThat(readings.get()).as("the start, and the statuses read: the registration's, each sent twice once, the last")
                    .isEqualTo(1 + 1 + PAIRS + 1);
        }
    }
}
