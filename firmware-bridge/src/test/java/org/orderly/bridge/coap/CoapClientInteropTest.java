package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.testing.CoapClientProcess.Result;
import org.orderly.bridge.testing.CoapObservation;

/** Debian's coap-client (libcoap 4.3, package libcoap3-bin) against the bridge, plain and DTLS-PSK. */
class CoapClientInteropTest extends LibcoapClientPuts {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode status(Result result) throws Exception {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return json.readTree(result.stdout());
    }

    @Test
    void getStatusOverPlainCoap() throws Exception {
        JsonNode status = status(coapClient.run(10, "-m", "get", bridge.plainUri("/status")));
        assertThat(status.get("state").asText()).isEqualTo("C");
        assertThat(status.get("ampsOffered").asDouble()).isEqualTo(6.0);
    }

    @Test
    void getStatusAsCbor() throws Exception {
        Result result = coapClient.run(10, "-m", "get", "-A", "cbor", bridge.plainUri("/status"));
        assertThat(result.exitCode()).isZero();
        // coap-client prints binary payloads as they are: read its stdout as bytes
        JsonNode status = new CBORMapper().readTree(result.stdoutBytes());
        assertThat(status.get("ampsOffered").asDouble()).isEqualTo(6.0);
    }

    @Test
    void putLimitAsJsonThenGetIt() throws Exception {
        Result put = coapClient.run(10, "-m", "put", "-t", "json", "-e", "{\"amps\": 16.0, \"ttlSeconds\": 30}",
                bridge.plainUri("/limit"));
        assertThat(put.exitCode()).isZero();
        assertThat(put.stderr()).doesNotContain("4.");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(16.0);
        assertThat(status(coapClient.run(10, bridge.plainUri("/status"))).get("ampsOffered").asDouble()).isEqualTo(16.0);
    }

    @Test
    void aBadPutIsRefusedWith400AndAReason() throws Exception {
        Result put = coapClient.run(10, "-m", "put", "-t", "json", "-e", "{\"amps\": 16, \"ttlSeconds\": 30, \"boost\": true}",
                bridge.plainUri("/limit"));
        assertThat(put.stdout() + put.stderr()).contains("4.00").contains("unknown key \"boost\"");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    @Test
    void observeReceivesNotificationsAfterLimitChanges() throws Exception {
        List<Double> offered = new ArrayList<>();
        try (CoapObservation observer = coapClient.observe("-w", "-s", "60", "-B", "8", bridge.plainUri("/status"))) {
            // Registered once its first notification (the status as it is) came: a fixed 800 ms was not always
            // enough for the process to start under load, and a change made before it registered is not seen.
            observer.awaitLine("first notification", Duration.ofSeconds(20), offering(6.0));
            assertThat(coapClient.run(10, "-m", "put", "-t", "json", "-e", "{\"amps\": 10, \"ttlSeconds\": 30}",
                    bridge.plainUri("/limit")).exitCode()).isZero();
            assertThat(coapClient.run(10, "-m", "put", "-t", "json", "-e", "{\"amps\": 20, \"ttlSeconds\": 30}",
                    bridge.plainUri("/limit")).exitCode()).isZero();
            observer.awaitLine("notification of 20 A", Duration.ofSeconds(20), offering(20.0));
            for (String line : observer.lines()) {
                if (line.startsWith("{")) { // libcoap may log on stdout too
                    offered.add(json.readTree(line).get("ampsOffered").asDouble());
                }
            }
        }
        assertThat(offered).containsSubsequence(6.0, 10.0, 20.0);
    }

    @Test
    void getAndPutOverDtlsWithThePilesPreSharedKey() throws Exception {
        JsonNode status = status(coapClient.run(15, "-u", "gateway-P1", "-k", KEY, bridge.dtlsUri("/status")));
        assertThat(status.get("state").asText()).isEqualTo("C");

        Result put = coapClient.run(15, "-u", "gateway-P1", "-k", KEY, "-m", "put", "-t", "json",
                "-e", "{\"amps\": 24, \"ttlSeconds\": 30}", bridge.dtlsUri("/limit"));
        assertThat(put.exitCode()).isZero();
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(24.0);
    }

    @Test
    void observeOverDtls() throws Exception {
        try (CoapObservation observer = coapClient.observe("-u", "gateway-P1", "-k", KEY, "-w", "-s", "60", "-B", "8",
                bridge.dtlsUri("/status"))) {
            // Registered once its first notification came: a fixed second was not always enough for the process
            // and its DTLS handshake under load, and a grant made before it registered is not seen.
            observer.awaitLine("first notification", Duration.ofSeconds(20), offering(6.0));
            bridge.pile.grant(18.0, Duration.ofSeconds(30));
            observer.awaitLine("notification of 18 A", Duration.ofSeconds(20), offering(18.0));
        }
    }

    /** A status line of coap-client's output that offers {@code amps}. */
    private static Predicate<String> offering(double amps) {
        return line -> line.contains("\"ampsOffered\":" + amps);
    }

    @Test
    void aWrongKeyGetsNothing() throws Exception {
        Result result = coapClient.run(15, "-u", "gateway-P1", "-k", "not-the-key", "-B", "3", bridge.dtlsUri("/status"));
        // libcoap logs the failed handshake ("cannot send CoAP pdu") on stdout; no payload arrives
        assertThat(result.stdout()).doesNotContain("\"state\"");
    }

    /**
     * The lease lapses and the pile falls back, not before its ttl. That it falls back at the first watchdog tick after
     * is the tick's own property, on a clock the test moves (LeaseWatchdogTest), so a wall-time bound here would
     * measure the machine's load; the wait is only for the failure's sake.
     */
    @Test
    void aLeaseSetByAClientThatGoesAwayFallsBackAfterItsTtl() throws Exception {
        long beforePut = System.nanoTime();
        Result put = coapClient.run(10, "-m", "put", "-t", "json", "-e", "{\"amps\": 30, \"ttlSeconds\": 1}",
                bridge.plainUri("/limit"));
        assertThat(put.exitCode()).isZero(); // the client has exited: nobody refreshes
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(30.0);

        while (bridge.pile.status().ampsOffered() != 6.0 && System.nanoTime() - beforePut < 30_000_000_000L) {
            Thread.sleep(10);
        }
        long fellBackMs = (System.nanoTime() - beforePut) / 1_000_000;
        System.out.println("LEASE-LAPSE-MS " + fellBackMs + " from before the PUT of a 1 s lease");
        assertThat(bridge.pile.status().ampsOffered()).as("after %d ms", fellBackMs).isEqualTo(6.0);
        assertThat(bridge.pile.status().leaseExpiry()).isEmpty();
        assertThat(fellBackMs).as("not before the 1000 ms ttl, counted from before the PUT").isGreaterThanOrEqualTo(1000L);
    }

}
