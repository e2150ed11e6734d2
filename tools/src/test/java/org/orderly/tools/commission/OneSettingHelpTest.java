package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code modbus read} talks with one meter, so its help offers one baud rate and one parity; {@code modbus scan} tries
 * lists of them and says so. A list given to {@code read} anyway is refused with a line saying why.
 */
class OneSettingHelpTest {

    @Test
    void readsHelpOffersOneBaudRateAndOneParity() {
        OrderlyRun r = OrderlyRun.of("modbus", "read", "--help");

        assertThat(r.exit()).as(r.err()).isZero();
        // Not "[--baud=RATE]..." in the synopsis either, as a list-typed option is shown (until 2026-12-04).
        assertThat(r.out()).contains("--baud=RATE ").doesNotContain("RATE[,").doesNotContain("P[,")
                .doesNotContain("[--baud=RATE]...").doesNotContain("[--parity=P]...")
                .doesNotContainIgnoringCase("comma-separated").doesNotContain("rate(s)");
    }

    @Test
    void scansHelpStillOffersLists() {
        OrderlyRun r = OrderlyRun.of("modbus", "scan", "--help");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("--baud=RATE[,RATE...]").contains("--parity=P[,P...]").contains("comma-separated");
    }

    @Test
    void aListGivenToReadIsRefusedWithWhy() {
        OrderlyRun r = OrderlyRun.of("modbus", "read", "--port", "/dev/no-such-tty", "--baud", "9600,19200", "--unit", "1",
                "--map", "eastron-sdm630", "--devices", "../config/devices");

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("orderly modbus read: give one --baud and one --parity for this command");
    }
}
