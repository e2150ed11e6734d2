package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter that sends its reply a byte at a time, on the default timing (1 s cycle, 10 ms gap, 300 ms
 * timeout, 2 retries from 20 ms) and a controlled clock: its exchange is cut at 418 ms (a serial port's, {@link
 * ModbusConnection#cutAfterMs}) while it replies, and a retry would first wait 300 ms for the rest of the reply to end
 * and then be cut again, 718 ms. A retry after such a cut is begun only with room for that, not for the timeout: none
 * fits the cycle, and the next cycle's transformer read is sent at 1300 ms, once the line was quiet 300 ms from the
 * cycle's start. Until 2026-12-07 the room was reckoned with the timeout (418 + 20 + 300 + 10 ms fit in 1000): the retry
 * was sent at 738 ms and ended at 1156, and the next transformer read was sent at 1466.
 */
class DrippingRetryRoomTest {
    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    private static final RegisterMap ONE_BLOCK = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 0, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aRetryAfterACutWhileTheMeterRepliedIsBegunOnlyWithRoomForTheQuietAndTheCut() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40))
                .drips(1, new ReplyCut(Duration.ofMillis(418), Duration.ofMillis(300)));
        CollectingListener listener = new CollectingListener();
        BusPoller poller = new BusPoller(new Bus("room", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1),
                BusTiming.defaults(), List.of(new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER))), link,
                new LatestReadings(), listener, clock, clock, clock);

        poller.runCycle();
        poller.runCycle();
        poller.close();

        assertThat(link.requests).as("the transformer meter's requests").extracting(ScriptedLink.Request::at)
                .containsExactly(T0, T0.plusMillis(1300));
        assertThat(listener.failures).hasSize(2).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    }
}
