package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.Await;

/**
 * docs/firmware-bridge.md, "Pile drivers": failures go to the listener and the log, "WARN when a pile starts failing or
 * fails differently, DEBUG while it keeps failing the same way, INFO when it answers again". A bridge whose every
 * {@code /status} is malformed has not answered again: the GET that replaces a silent observation must not say so.
 */
class MalformedStatusNoRecoveryTest {

    @Test
    void aMalformedStatusFromTheReplacingGetIsNoRecovery() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        // a state the gateway does not know: every answer is a malformed status
        FakeStatusBridge server = new FakeStatusBridge(() -> {
            gets.incrementAndGet();
            return "{\"state\":\"X\",\"ampsOffered\":6.0,\"powerKw\":0.0,\"sessionEnergyKwh\":0.0,\"leaseExpiry\":null}";
        });
        int port = server.port();
        RecordingListener listener = new RecordingListener();
        CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", port)
                .with(LeaseTiming.defaults(), Duration.ofSeconds(1), Duration.ofMillis(1200));
        CoapPileDriver driver = CoapPileDriver.start(config, listener, Clock.systemUTC());
        try {
            Await.untilSeeing("the status asked again by GET", Duration.ofSeconds(10), () -> gets.get() >= 3, gets::get);
            // Waited for, not slept: the report comes on the driver's thread, which a loaded machine may hold back.
            Await.untilSeeing("a GET's malformed status reported", Duration.ofSeconds(10),
                    () -> listener.failures.stream().anyMatch(f -> f.operation().startsWith("GET ")
                            && f.kind() == PileFailureKind.MALFORMED), () -> listener.failures);
            assertThat(driver.latest()).as("no status was taken").isEmpty();
            assertThat(listener.recoveries).as("the pile never answered well, after %d malformed statuses",
                    listener.failures.size()).isEmpty();
        } finally {
            driver.close();
            server.close();
        }
    }
}
