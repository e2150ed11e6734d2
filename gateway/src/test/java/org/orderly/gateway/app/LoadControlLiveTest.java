package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.StoreReader;

/**
 * The grid's load-control contact on Pi4J's mock GPIO, in a gateway driving real bridges over CoAP with a real Modbus
 * meter: when the contact closes, the very next control cycle caps the EV load at the configured power, and the
 * bridges apply it.
 */
class LoadControlLiveTest extends LiveRigTestBase {
    private static final double EV_LIMIT_KW = 5;
    private static final int PILES = 4;


    @Test
    void theContactCapsEvLoadWithinOneControlCycle() throws Exception {
        Context mock = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        rig = new LiveRig(PILES, 8, dir, """
                loadControl: { pin: 17, activeLevel: high, pull: down, releaseDebounceMs: 100, evLimitKw: %s, statusPin: 27 }
                """.formatted(EV_LIMIT_KW), () -> mock);
        GatewayLiveTest.await("every bridge leased and every session open", Duration.ofSeconds(10),
                rig::everySessionOpen);
        Instant departure = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < PILES; i++) {
            rig.gateway.loop().declare(i, new Declaration(departure, 40));
        }
        GatewayLiveTest.await("cars charging well above the contact's limit", Duration.ofSeconds(10),
                () -> rig.offeredKw() > 4 * EV_LIMIT_KW);

        long before = rig.gateway.loop().cycles();
        ((MockDigitalInput) rig.gateway.loadControl().orElseThrow().input()).mockState(DigitalState.HIGH);
        // A cycle running at the edge may have read the contact before it closed; the one after it cannot have.
        GatewayLiveTest.await("two cycles after the edge", Duration.ofSeconds(5),
                () -> rig.gateway.loop().cycles() >= before + 2);
        CycleResult result = rig.gateway.loop().lastResult();
        assertThat(evKwOf(result)).as("EV kW the cycle allows").isLessThanOrEqualTo(EV_LIMIT_KW + 1e-6);
        // The contact's promise is the cycle's, asserted above; the bridges have it once CoAP has delivered it.
        GatewayLiveTest.await("bridges applied the cap", LiveRig.BRIDGES_HAVE_IT,
                () -> rig.offeredKw() <= EV_LIMIT_KW + 1e-6);
        assertThat(mock.registry().get("load-control-status", com.pi4j.io.gpio.digital.DigitalOutput.class).isHigh())
                .as("status output reports the cap").isTrue();

        assertThat(rig.gateway.store().flush(Duration.ofSeconds(5))).isTrue();
        try (StoreReader reader = rig.gateway.store().reader()) {
            assertThat(reader.events(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)))
                    .anySatisfy(e -> {
                        assertThat(e.kind()).isEqualTo("load-control");
                        // the limit as the configuration writes it, not Java's 5.0
                        assertThat(e.message()).isEqualTo("contact active: EV load capped at 5 kW");
                    });
        }
    }

    private double evKwOf(CycleResult result) {
        var compound = rig.gateway.config().compound();
        double kw = 0;
        for (int i = 0; i < compound.pileCount(); i++) {
            kw += compound.kw(i, result.allocation().amps()[i]);
        }
        return kw;
    }
}
