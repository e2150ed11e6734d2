package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;

/**
 * A CoAP pile driver whose start fails after it took its endpoint from the pool gives the endpoint back: the pool's last
 * user's release destroys it (its socket and threads). Its start fails here at the ticker, the last thing its
 * constructor asks (in the field, a class the driver needs that a Kura bundle being upgraded can no longer load). Until
 * 2026-12-06 the endpoint stayed taken, started and open for the JVM's life. Nothing is sent: the bridge's address is
 * 127.0.0.1, with no bridge there.
 */
class CoapPileDriverStartFailureTest {

    @Test
    void aDriverWhoseStartFailsGivesItsEndpointBack() {
        CoapEndpointPool endpoints = new CoapEndpointPool();
        Ticker failing = () -> {
            throw new IllegalStateException("the test's ticker fails");
        };
        Throwable thrown = catchThrowable(() -> CoapPileDriver.start(CoapPileConfig.plain("P1", "127.0.0.1", 5683),
                PileListener.none(), Clock.systemUTC(), failing, endpoints));
        assertThat(thrown).as("the start's failure, as it was").hasMessage("the test's ticker fails");
        assertThat(endpoints.openEndpoints()).as("endpoints the pool holds after the failed start").isZero();
    }
}
