package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter whose exchange is cut at its deadline while it replies (a reply a byte at a time), on the default
 * timing (1 s cycle, 10 ms gap, 300 ms timeout, 2 retries from 20 ms) and a controlled clock.
 */
class DrippingRetryRoomTest {
    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");

    /** A serial exchange cut at its deadline on the default timing, each byte of its reply within the 300 ms wait. */
    static final ReplyCut SERIAL_CUT = new ReplyCut(Duration.ofMillis(418), Duration.ofMillis(300), true);

    private final MutableClock clock = new MutableClock(T0);

    /** A poller of {@code meters} on a serial bus at the default timing, over {@code link}, on {@code clock}. */
    static BusPoller serialPoller(MutableClock clock, ScriptedLink link, CollectingListener listener, Meter... meters) {
        return BusPollers.onLink(new Bus("room", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1), BusTiming.defaults(),
                List.of(meters)), link, new LatestReadings(), listener, clock, clock, clock);
    }

    /**
     * On a serial bus the exchange is cut at 418 ms ({@link ModbusConnection#cutAfterMs}): no retry in its cycle, and
     * the next cycle's transformer read is sent at 1300 ms, once the line was quiet 300 ms from the cycle's start. Until
     * 2026-12-07 the room was reckoned with the timeout (418 + 20 + 300 + 10 ms fit in 1000): the retry was sent at
     * 738 ms and ended at 1156, and the next transformer read was sent at 1466. The real cost of a serial retry after a
     * cut is {@link DrippingRtuRetryTest}'s.
     */
    @Test
    void aSerialMeterCutWhileItRepliedIsNotRetriedInItsCycle() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40)).drips(1, SERIAL_CUT);
        CollectingListener listener = new CollectingListener();
        BusPoller poller = serialPoller(clock, link, listener, new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER));

        poller.runCycle();
        poller.runCycle();
        poller.close();

        assertThat(link.requests).as("the transformer meter's requests").extracting(ScriptedLink.Request::at)
                .containsExactly(T0, T0.plusMillis(1300));
        assertThat(listener.failures).hasSize(2).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    }

    /**
     * On TCP the exchange is cut at 400 ms and the meter then answers in 40 ms: nothing of the cut reply meets the next
     * request (its connection is new), so the retry is counted as the cut alone and fits the cycle, sent at 420 ms as
     * after a plain timeout. Until 2026-12-07 it was counted with the serial line's wait for quiet too (400 + 20 + 300 +
     * 400 + 10 ms, over 1000) and not sent: the meter stale for the cycle.
     */
    @Test
    void aTcpMeterCutWhileItRepliedIsRetriedWhereTheCutFits() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40))
                .cutOnceOverTcp(1, new ReplyCut(Duration.ofMillis(400), Duration.ofMillis(300), true));
        CollectingListener listener = new CollectingListener();
        BusPoller poller = BusPollers.onLink(new Bus("room", new BusEndpoint.Tcp("127.0.0.1", 502), BusTiming.defaults(),
                List.of(new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER))), link, new LatestReadings(), listener,
                clock, clock, clock);

        poller.runCycle();
        poller.close();

        assertThat(link.requests).as("the transformer meter's requests").extracting(ScriptedLink.Request::at)
                .containsExactly(T0, T0.plusMillis(420));
        assertThat(listener.failures).as("the retry answered").isEmpty();
    }
}
