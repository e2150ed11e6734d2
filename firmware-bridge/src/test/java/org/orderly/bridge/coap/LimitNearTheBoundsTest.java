package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.bridge.testing.CoapClientProcess;
import org.orderly.bridge.testing.RunningBridge;
import org.orderly.testkit.ExternalTools;

/**
 * A limit's numbers are judged as sent, not as the double nearest them: {@code 5.9999999999999999999} A is below the
 * pile's 6 A, though a double reads it as 6.0, and was taken until 2026-12-06 (the probe that found it:
 * {@code coap-client-openssl} over DTLS-PSK). A limit within the bounds with more decimals than the pilot sets is
 * rounded down to the microampere, never up.
 */
class LimitNearTheBoundsTest extends LimitPuts {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\":5.9999999999999999999,\"ttlSeconds\":30}  | amps 5.9999999999999999999 must be 0 or within [6, 32]"
                    + " for pile P1",
            "{\"amps\":32.0000000000000000001,\"ttlSeconds\":30} | amps 32.0000000000000000001 must be 0 or within [6, 32]"
                    + " for pile P1",
            "{\"amps\":1e300,\"ttlSeconds\":30}                  | amps 1E+300 must be 0 or within [6, 32] for pile P1",
            "{\"amps\":1e9999999999,\"ttlSeconds\":30}           | amps 1e9999999999 must be 0 or within [6, 32] for pile P1",
            "{\"amps\":16,\"ttlSeconds\":3600.0000000000000001}  | ttlSeconds must be a whole number, was 3600.0000000000000001",
            "{\"amps\":16,\"ttlSeconds\":0.99999999999999999999} | ttlSeconds must be a whole number, was 0.99999999999999999999",
    })
    void aNumberJustBeyondABoundIsRefusedAsSent(String body, String reason) throws Exception {
        CoapResponse response = put(body.getBytes(StandardCharsets.UTF_8), PayloadCodec.JSON);
        assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).isEqualTo(reason);
        assertThat(bridge.pile.status().ampsOffered()).as("offered").isEqualTo(6.0);
    }

    /** The probe that found it: Debian's coap-client over DTLS-PSK, as a third-party gateway would send it. */
    @Test
    void libcoapsClientOverDtlsIsRefusedJustBelowTheMinimumAndJustAboveTheMaximum() throws Exception {
        CoapClientProcess coapClient = new CoapClientProcess(Path.of(ExternalTools.require("libcoap3-bin")));
        for (String amps : new String[] {"5.9999999999999999999", "32.0000000000000000001"}) {
            CoapClientProcess.Result put = coapClient.run(15, "-u", RunningBridge.PSK.identity(), "-k", "secret-P1-key",
                    "-m", "put", "-t", "json", "-e", "{\"amps\": " + amps + ", \"ttlSeconds\": 30}",
                    bridge.dtlsUri("/limit"));
            assertThat(put.stdout() + put.stderr()).as(amps).contains("4.00")
                    .contains("amps " + amps + " must be 0 or within [6, 32] for pile P1");
        }
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    /**
     * Within the bounds, a limit finer than the microampere the pile offers in is taken rounded down: 16.0000009 A is
     * offered as 16 A; to the nearest it was 16.000001 A, more than the gateway allowed.
     */
    @Test
    void aLimitFinerThanAMicroampereIsRoundedDown() throws Exception {
        assertThat(put("{\"amps\":16.0000009,\"ttlSeconds\":30}".getBytes(StandardCharsets.UTF_8), PayloadCodec.JSON)
                .getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(16.0);
        assertThat(put("{\"amps\":31.99999999999999999999,\"ttlSeconds\":30}".getBytes(StandardCharsets.UTF_8),
                PayloadCodec.JSON).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(31.999999);
    }
}
