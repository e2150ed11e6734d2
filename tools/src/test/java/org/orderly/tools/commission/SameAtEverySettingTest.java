package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;

class SameAtEverySettingTest {
    private static BusEndpoint.Serial at(int baud, String parity) {
        return new BusEndpoint.Serial("/dev/ttyUSB0", baud, parity, 8, 1);
    }

    private static SameAtEverySetting unitOneAt(BusEndpoint.Serial... settings) {
        SameAtEverySetting scan = new SameAtEverySetting();
        for (BusEndpoint.Serial s : settings) {
            scan.tried(s);
            scan.found(s, 1);
        }
        return scan;
    }

    /** A real adapter's meter may answer at both parities of its own baud rate: that says nothing of the port. */
    @Test
    void bothParitiesOfOneBaudRateSayNothing() {
        assertThat(unitOneAt(at(9600, "none"), at(9600, "even")).said()).isEmpty();
    }

    @Test
    void theSameUnitAtTwoBaudRatesIsSaid() {
        assertThat(unitOneAt(at(9600, "none"), at(19200, "none")).said()).get().asString()
                .startsWith("the same unit (1) answered at every line setting tried (9600 none, 19200 none)");
    }

    @Test
    void aUnitFoundAtOneBaudRateOnlySaysNothing() {
        SameAtEverySetting scan = unitOneAt(at(9600, "none"));
        scan.tried(at(19200, "none"));
        assertThat(scan.said()).isEmpty();
    }
}
