package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.bridge.testing.CoapClientProcess;

/**
 * The bridge does not do OSCORE (RFC 8613): a request carrying its option (9, critical) is refused 4.02 Bad Option, as
 * a server that does not support it must (section 2), and not executed as if unprotected. Until 2026-12-06 Californium,
 * which knows option 9 by number, took it as a recognised option and the limit was applied.
 */
class OscoreOptionRefusedTest extends LibcoapClientPuts {

    @Test
    void aLimitWithTheOscoreOptionIsRefusedBadOptionAndNotApplied() throws Exception {
        CoapClientProcess.Result put = overDtls("-O", "9,0x09", "-m", "put", "-t", "json",
                "-e", "{\"amps\": 16, \"ttlSeconds\": 30}", bridge.dtlsUri("/limit"));
        assertThat(put.stdout() + put.stderr()).contains("4.02");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
        // the same limit without it is taken: the refusal was the option's
        CoapClientProcess.Result plainPut = overDtls("-m", "put", "-t", "json",
                "-e", "{\"amps\": 16, \"ttlSeconds\": 30}", bridge.dtlsUri("/limit"));
        assertThat(plainPut.stdout() + plainPut.stderr()).doesNotContain("4.");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(16.0);
    }

    @Test
    void aStatusReadWithTheOscoreOptionIsRefusedBadOption() throws Exception {
        CoapClientProcess.Result get = overDtls("-O", "9,0x09", bridge.dtlsUri("/status"));
        assertThat(get.stdout() + get.stderr()).contains("4.02").doesNotContain("ampsOffered");
    }
}
