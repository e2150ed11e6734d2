package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.Meter;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;

/**
 * A poller's meter and a pile driven over Modbus at unit 0, the broadcast address no unit answers
 * ({@link org.orderly.serial.UnitAddress}): refused with their own lines, as the configuration's readers and the
 * commands' {@code --unit} refuse it. Until 2026-12-07 (rtu62) both took 0: a meter never read, a pile whose limits
 * no write was known to have reached.
 */
class UnitZeroRefusedTest {
    @Test
    void aMeterAtUnit0IsRefused() throws Exception {
        RegisterMap chint = RegisterMapLoader.load(PileMaps.file("generic-pile").getParent().resolveSibling("chint-dtsu666.yaml"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Meter("tx", 0, chint, MeterRole.TRANSFORMER))
                .withMessage("tx: unit id 0 outside 1..247");
    }

    @Test
    void aPileAtUnit0IsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ModbusPileConfig.of("p1", new BusEndpoint.Tcp("127.0.0.1", 502), 0, PileMaps.generic()))
                .withMessage("pile p1: unit id must be 1..247, was 0");
    }
}
