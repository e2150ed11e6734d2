package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.Await;

/**
 * A CoAP pile driver whose start fails after it took its endpoint from the pool and started its thread gives both back:
 * the pool's last user's release destroys the endpoint (its socket and threads), and the driver's thread ends. Its start
 * fails here at the ticker, which it first reads once its lease renewals are scheduled on its thread (in the field, a
 * class the driver needs that a Kura bundle being upgraded can no longer load, or a thread the JVM cannot start). Until
 * 2026-12-06 a failure in its constructor kept the endpoint, and until 2026-12-07 one after it kept the endpoint and the
 * thread, started and open for the JVM's life. Nothing is sent: the bridge's address is 127.0.0.1, with no bridge there.
 * The constructor's own release is not reached here since 2026-12-07 (the ticker is first read after it, and nothing in
 * it fails but an Error: read56c, who took that release out and saw this test pass).
 */
class CoapPileDriverStartFailureTest {

    private static final String PILE = "start-fails";

    private static List<Thread> driverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("pile-coap-" + PILE)).toList();
    }

    @Test
    void aDriverWhoseStartFailsGivesItsEndpointBackAndItsThreadEnds() throws Exception {
        CoapEndpointPool endpoints = new CoapEndpointPool();
        Ticker failing = () -> {
            throw new IllegalStateException("the test's ticker fails");
        };
        Throwable thrown = catchThrowable(() -> CoapPileDriver.start(CoapPileConfig.plain(PILE, "127.0.0.1", 5683),
                PileListener.none(), Clock.systemUTC(), failing, endpoints));
        assertThat(thrown).as("the start's failure, as it was").hasMessage("the test's ticker fails");
        assertThat(endpoints.openEndpoints()).as("endpoints the pool holds after the failed start").isZero();
        Await.untilSeeing("the driver's thread ended", Duration.ofSeconds(20), () -> driverThreads().isEmpty(),
                CoapPileDriverStartFailureTest::driverThreads);
    }
}
