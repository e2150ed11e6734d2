package org.orderly.bridge.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.testing.PilotLine;
import org.orderly.bridge.testing.ReferenceCircuit;
import org.orderly.bridge.testing.ScriptedMcp3008;

/** The MCP3008 over Pi4J's SPI, and the reference calibration against the reference circuit's parts. */
class Mcp3008Test {

    private final ScriptedMcp3008 adc = ScriptedMcp3008.virtualTime(5, Duration.ofNanos(20_000))
            .line(PilotLine.steady(9.0));
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(adc).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void aConversionReadsTheConfiguredInput() throws Exception {
        Mcp3008 wired = new Mcp3008(pi4j, new Mcp3008Wiring(0, 1, 5, 1_000_000));

        assertThat(wired.convert()).isEqualTo(ReferenceCircuit.code(9.0));
        wired.close();
        Mcp3008 elsewhere = new Mcp3008(pi4j, new Mcp3008Wiring(0, 1, 4, 1_000_000));
        assertThat(elsewhere.convert()).as("CH4 is grounded on the scripted board").isZero();
    }

    @Test
    void aFailedTransferOrNoChipIsAnIOExceptionNamingWhere() {
        Mcp3008 wired = new Mcp3008(pi4j, new Mcp3008Wiring(1, 2, 5, 1_000_000));

        adc.breakBus();
        assertThatThrownBy(wired::convert).isInstanceOf(IOException.class)
                .hasMessageContaining("SPI bus 1 CS 2 channel 5").hasMessageContaining("scripted SPI failure");
        adc.mendBus();
        adc.unplugChip();
        assertThatThrownBy(wired::convert).isInstanceOf(IOException.class)
                .hasMessageContaining("SPI bus 1 CS 2 channel 5").hasMessageContaining("null bit");
    }

    /** The defaults the bridge reads by are the documented circuit's, to within one step of the converter. */
    @Test
    void theReferenceCalibrationReadsTheReferenceCircuit() {
        PilotCalibration reference = PilotCalibration.reference();
        double step = reference.adcVrefVolts() / PilotAdc.CODES * reference.dividerRatio();

        for (double volts = -14.5; volts <= 14.5; volts += 0.25) {
            assertThat(reference.pilotVolts(ReferenceCircuit.code(volts))).as("%.2f V", volts)
                    .isCloseTo(volts, within(step));
        }
    }

    @Test
    void wiringAndCalibrationOutOfRangeAreRefusedSayingWhich() {
        assertThatThrownBy(() -> new Mcp3008Wiring(0, 0, 8, 1_000_000))
                .hasMessage("pilot ADC: channel 8 must be 0..7 (MCP3008 CH0..CH7)");
        assertThatThrownBy(() -> new Mcp3008Wiring(0, 3, 0, 1_000_000)).hasMessageContaining("chip select 3");
        assertThatThrownBy(() -> new PilotCalibration(3.3, 10.0, 4.0)).hasMessageContaining("offset 4.0 V");
    }
}
