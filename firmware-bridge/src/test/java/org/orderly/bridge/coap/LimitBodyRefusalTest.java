package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.bridge.testing.CoapClientProcess;
import org.orderly.testkit.ExternalTools;

/**
 * A PUT {@code /limit} body that is ambiguous (a key given twice) or incomplete is refused over CoAP with one line that
 * names the key, and the pile keeps what it offered.
 */
class LimitBodyRefusalTest extends LimitPuts {

    private void assertRefused(CoapResponse response, String reason) {
        assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).isEqualTo(reason);
        assertThat(bridge.pile.status().ampsOffered()).as("offered").isEqualTo(6.0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\":16,\"amps\":32,\"ttlSeconds\":30}       | key \"amps\" given twice",
            "{\"amps\":16,\"ttlSeconds\":30,\"ttlSeconds\":5}  | key \"ttlSeconds\" given twice",
            "{\"amps\":16}                                     | ttlSeconds is missing; expected whole seconds 1..3600",
            "{\"ttlSeconds\":30}                               | amps is missing; expected 0 or within [6, 32] for pile P1",
            "{\"amps\":16,\"ttlSeconds\":1e12}                 | ttlSeconds 1000000000000 must be within 1..3600",
            "{\"amps\":16,\"ttlSeconds\":-7.0}                 | ttlSeconds -7 must be within 1..3600",
            "{\"amps\":1e-400,\"ttlSeconds\":30}               | \"amps\": 1e-400 (line 1, column 9) is too small a number"
                    + " to hold: it would be read as 0",
            "{\"amps\":16,\"ttlSeconds\":-1E-999}              | \"ttlSeconds\": -1E-999 (line 1, column 25) is too small"
                    + " a number to hold: it would be read as 0",
            "{\"amps\":16,\"ttlSeconds\":30} {\"amps\":32}     | content after the object",
            "{\"amps\":1e999,\"ttlSeconds\":30}                | amps 1e999 must be 0 or within [6, 32] for pile P1",
            "{\"amps\":16,\"ttlSeconds\":-1E+999}              | ttlSeconds -1E+999 must be within 1..3600",
    })
    void jsonBodiesAreRefusedNamingTheKey(String body, String reason) throws Exception {
        assertRefused(put(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), PayloadCodec.JSON), reason);
    }

    @Test
    void aCborMapGivingAKeyTwiceIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject(3);
            g.writeNumberField("amps", 16.0);
            g.writeNumberField("ttlSeconds", 30);
            g.writeNumberField("amps", 32.0);
            g.writeEndObject();
        }
        assertRefused(put(out.toByteArray(), PayloadCodec.CBOR), "key \"amps\" given twice");
    }

    /**
     * CBOR carries a number too small for a double as a decimal fraction (tag 4): refused as the JSON one is, said as
     * its reader writes it (no line or column in CBOR), not read as 0, which pauses the pile.
     */
    @Test
    void aCborDecimalTooSmallForADoubleIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject(2);
            g.writeFieldName("amps");
            g.writeNumber(new java.math.BigDecimal("1e-400"));
            g.writeNumberField("ttlSeconds", 30);
            g.writeEndObject();
        }
        assertRefused(put(out.toByteArray(), PayloadCodec.CBOR),
                "\"amps\": 1E-400 is too small a number to hold: it would be read as 0");
    }

    /** A body that is not JSON or CBOR is refused saying what is wrong and where, not Jackson's redacted source. */
    @Test
    void aBodyThatCannotBeReadIsRefusedSayingWhatAndWhere() throws Exception {
        assertRefused(put(utf8("{amps:16}"), PayloadCodec.JSON), "malformed application/json: unexpected character "
                + "('a' (code 97)): was expecting double-quote to start field name at line 1, column 2");
        assertRefused(put(utf8("{\"amps\":16,\n \"ttlSeconds\":30"), PayloadCodec.JSON),
                "malformed application/json: the text ends before the JSON object does at line 2, column 17");
        assertRefused(put(new byte[] {(byte) 0xa2, 0x64, 'a', 'm', 'p', 's'}, PayloadCodec.CBOR),
                "malformed application/cbor: the payload ends before the object does at byte 6");
    }

    /**
     * A body beyond one of the JSON reader's own limits is refused saying which in words, as the gateway says it
     * (ReaderLimit): until 2026-12-04 the bridge said Jackson's, {@code number value length (1001) exceeds the maximum
     * allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)}.
     */
    @Test
    void aBodyBeyondTheReadersLimitsIsRefusedSayingWhichInWords() throws Exception {
        assertRefused(put(utf8("{\"amps\":" + "1".repeat(1001) + ",\"ttlSeconds\":30}"), PayloadCodec.JSON),
                "malformed application/json: a number of more than 1000 digits");
        assertRefused(put(utf8("[".repeat(1001)), PayloadCodec.JSON),
                "malformed application/json: nesting deeper than 1000 arrays and objects");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A value of the wrong kind is refused saying what was given, cut short at 40 characters as other refusals say the
     * client's text: "amps must be a number" left the sender to guess what it had sent.
     */
    @Test
    void libcoapsClientIsToldWhatItGaveOfTheWrongKind() throws Exception {
        CoapClientProcess coapClient = new CoapClientProcess(Path.of(ExternalTools.require("libcoap3-bin")));
        String[][] cases = {
                {"{\"amps\":\"16\",\"ttlSeconds\":30}", "amps must be a number, was \"16\""},
                {"{\"amps\":[" + "1,".repeat(30) + "1],\"ttlSeconds\":30}", "amps must be a number, was ["
                        + "1,".repeat(19) + "1..."},
                {"{\"amps\":16,\"ttlSeconds\":1.5}", "ttlSeconds must be a whole number, was 1.5"},
                {"{\"amps\":16,\"ttlSeconds\":\"30\"}", "ttlSeconds must be a whole number, was \"30\""},
                {"{\"amps\":16,\"ttlSeconds\":30,\"" + "x".repeat(50) + "\":1}", "unknown key \""
                        + "x".repeat(40) + "...\"; expected amps, ttlSeconds, pileId"},
        };
        for (String[] c : cases) {
            CoapClientProcess.Result put = coapClient.run(10, "-m", "put", "-t", "json", "-e", c[0],
                    bridge.plainUri("/limit"));
            assertThat(put.stdout() + put.stderr()).as(c[0]).contains("4.00").contains(c[1]);
        }
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }

    /** The probe that found it: Debian's coap-client, as an installer or a third-party gateway would send it. */
    @Test
    void libcoapsClientIsToldWhichKeyIsGivenTwice() throws Exception {
        CoapClientProcess coapClient = new CoapClientProcess(Path.of(ExternalTools.require("libcoap3-bin")));
        CoapClientProcess.Result put = coapClient.run(10, "-m", "put", "-t", "json",
                "-e", "{\"amps\":16,\"amps\":32,\"ttlSeconds\":30}", bridge.plainUri("/limit"));
        assertThat(put.stdout() + put.stderr()).contains("4.00").contains("key \"amps\" given twice");
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(6.0);
    }
}
