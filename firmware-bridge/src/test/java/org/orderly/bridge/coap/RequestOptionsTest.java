package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.testing.CoapClientProcess;
import org.orderly.bridge.testing.RawCoapRequest;
import org.orderly.bridge.testing.TestClients;

/**
 * The options of a request the bridge does not act on as asked are refused, not ignored while the request is executed
 * (until 2026-12-06 each of these limits was applied): a block-wise option it does not do (Q-Block1, RFC 9177), a
 * proxy's (Proxy-Uri), a condition (If-Match, If-None-Match: RFC 7252, 5.10.8), a query its resources take none of, and
 * a critical option given twice that must not repeat (RFC 7252, 5.4.5). Sent with Debian's coap-client over DTLS-PSK,
 * and what it cannot send (an option twice) byte by byte.
 */
class RequestOptionsTest extends LibcoapClientPuts {

    private static final String LIMIT_16 = "{\"amps\": 16, \"ttlSeconds\": 30}";

    /** What coap-client printed for a PUT of a 16 A limit with {@code options} to {@code path}, over DTLS. */
    private String putLimit16(String path, String... options) throws Exception {
        String[] args = new String[options.length + 7];
        System.arraycopy(options, 0, args, 0, options.length);
        System.arraycopy(new String[] {"-m", "put", "-t", "json", "-e", LIMIT_16, bridge.dtlsUri(path)}, 0, args,
                options.length, 7);
        CoapClientProcess.Result put = overDtls(args);
        return put.stdout() + put.stderr();
    }

    @Test
    void aBlockWiseOptionTheBridgeDoesNotDoIsABadOption() throws Exception {
        // Q-Block1 (19) with more to come: a part of a body taken as the whole
        assertThat(putLimit16("/limit", "-O", "19,0x08")).contains("4.02");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    @Test
    void aRequestForAProxyIsRefusedProxyingNotSupported() throws Exception {
        assertThat(putLimit16("/limit", "-O", "35,coap://10.0.0.1/limit"))
                .contains("5.05").contains("this bridge is no proxy; Proxy-Uri or Proxy-Scheme refused");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    @Test
    void aConditionThatDoesNotHoldIsRefusedPreconditionFailed() throws Exception {
        // If-None-Match: only if /limit does not exist; it does
        assertThat(putLimit16("/limit", "-O", "5")).contains("4.12")
                .contains("If-None-Match: /limit exists");
        // If-Match with an entity tag: the bridge gives none, so none matches
        assertThat(putLimit16("/limit", "-O", "1,0x1234")).contains("4.12")
                .contains("If-Match: /limit has no entity tag");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    /** If-Match with an empty value asks only that the resource exist (RFC 7252, 5.10.8.1): it does, so it is done. */
    @Test
    void anIfMatchOnExistenceHolds() throws Exception {
        CoapClient client = TestClients.plain(bridge.plainUri("/limit"));
        try {
            Request put = Request.newPut();
            put.setPayload(LIMIT_16);
            put.getOptions().setContentFormat(PayloadCodec.JSON).addIfMatch(new byte[0]);
            CoapResponse response = client.advanced(put);
            assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        } finally {
            TestClients.close(client);
        }
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(16.0);
    }

    @Test
    void aQueryIsRefusedByResourcesThatTakeNone() throws Exception {
        assertThat(putLimit16("/limit?amps=32")).contains("4.00").contains("/limit takes no query; was amps=32");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
        CoapClientProcess.Result get = overDtls(bridge.dtlsUri("/status?x=1"));
        assertThat(get.stdout() + get.stderr()).contains("4.00").contains("/status takes no query; was x=1");
        // Californium's resource discovery takes one, a filter (RFC 6690)
        CoapClientProcess.Result found = overDtls(bridge.dtlsUri("/.well-known/core?href=/status"));
        assertThat(found.stdout()).contains("</status>").doesNotContain("</info>");
    }

    /**
     * Accept (17) is critical and said once: given twice, the later is an unrecognised critical option, 4.02. Californium
     * kept the last, where another reader keeps the first.
     */
    @Test
    void aCriticalOptionGivenTwiceIsABadOption() throws Exception {
        RawCoapRequest.Answer answer = new RawCoapRequest(1, 0x5101).path("status")
                .option(17, (byte) 60).option(17, (byte) 50).sendTo(bridge.server.plainPort().orElseThrow());
        assertThat(answer.code()).isEqualTo("4.02");
    }

    /**
     * Content-Format (12) is elective: given twice, the later is ignored (RFC 7252, 5.4.5), so a JSON body said to be
     * CBOR first is read as CBOR and refused. Californium kept the last, JSON, and applied it.
     */
    @Test
    void anElectiveOptionGivenTwiceIsTakenOnce() throws Exception {
        RawCoapRequest.Answer answer = new RawCoapRequest(3, 0x5102).path("limit")
                .option(12, (byte) 60).option(12, (byte) 50).payload(LIMIT_16)
                .sendTo(bridge.server.plainPort().orElseThrow());
        assertThat(answer.code()).isEqualTo("4.00");
        assertThat(answer.payload()).startsWith("malformed application/cbor");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    /**
     * A token longer than 8 bytes (RFC 8974's extended token, which the bridge does not take) is a message format
     * error: its confirmable request is rejected with a Reset (RFC 7252, 4.2), so the client learns it at once. Californium
     * dropped it without a word, before it had read the message ID a Reset needs, and the client sent it again until it
     * gave up.
     */
    @Test
    void aTokenLongerThanEightBytesIsAnsweredWithAReset() throws Exception {
        RawCoapRequest.Answer answer = RawCoapRequest.withLongToken(1, 0x5103, 20).path("status")
                .sendTo(bridge.server.plainPort().orElseThrow());
        assertThat(answer.type()).as("Reset").isEqualTo(3);
        assertThat(answer.code()).isEqualTo("0.00");
    }
}
