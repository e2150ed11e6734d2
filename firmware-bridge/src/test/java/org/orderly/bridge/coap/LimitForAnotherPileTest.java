package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.testing.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.bridge.testing.TestClients;

/**
 * A limit may name the pile it is for ({@code "pileId"}), and the bridge of another pile refuses it, over CoAP, in
 * JSON and CBOR, and does not apply it: a gateway's renewals that reach a bridge started at its pile's address as
 * another pile's (a swapped cable, a spare, a restart with another {@code --pile}) are not taken. A client that asks
 * for JSON or CBOR is told this bridge's pile id whole, in that format; one that asks for nothing the reason, as a
 * gateway before 2026-12-06 was. {@code /info} says
 * the key is taken, so that a gateway tells this bridge from an older one.
 */
class LimitForAnotherPileTest extends LimitPuts {

    private CoapResponse putJson(String body) throws Exception {
        return put(body.getBytes(StandardCharsets.UTF_8), PayloadCodec.JSON);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P2\"}   | FORBIDDEN   | limit for pile \"P2\" sent to pile \"P1\"",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"p1\"}   | FORBIDDEN   | limit for pile \"p1\" sent to pile \"P1\"",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P1 \"}  | FORBIDDEN   | limit for pile \"P1 \" sent to pile \"P1\"",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"\"}     | FORBIDDEN   | limit for pile \"\" sent to pile \"P1\"",
            // the other pile said before an amps this pile would refuse: that is not what is wrong
            "{\"amps\":99,\"ttlSeconds\":30,\"pileId\":\"P2\"}   | FORBIDDEN   | limit for pile \"P2\" sent to pile \"P1\"",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":1}        | BAD_REQUEST | pileId must be a string, was 1",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":null}     | BAD_REQUEST | pileId must be a string, was null",
            "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P1\",\"pileId\":\"P2\"} | BAD_REQUEST | key \"pileId\" given twice",
            "{\"amps\":16,\"ttlSeconds\":30,\"boost\":1}         | BAD_REQUEST | unknown key \"boost\"; expected amps, ttlSeconds, pileId",
    })
    void aJsonLimitForAnotherPileOrWithAPileIdThatCannotBeReadIsRefusedAndNotApplied(String body, ResponseCode code,
                                                                                   String reason) throws Exception {
        assertNotApplied(putJson(body), code, reason);
    }

    @Test
    void aCborLimitForAnotherPileIsRefusedAndNotApplied() throws Exception {
        assertNotApplied(put(cbor("P2"), PayloadCodec.CBOR), ResponseCode.FORBIDDEN,
                "limit for pile \"P2\" sent to pile \"P1\"");
    }

    @Test
    void aGatewayAskingForJsonOrCborIsToldThisBridgesPileIdWholeBesideTheReason() throws Exception {
        String longId = "pile-" + "x".repeat(45);
        byte[] body = "{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P2\"}".getBytes(StandardCharsets.UTF_8);
        try (RunningBridge other = new RunningBridge(PileConfig.homePile(longId), Duration.ofMillis(200))) {
            CoapResponse json = put(other, body, PayloadCodec.JSON, PayloadCodec.JSON);
            assertThat(json.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(json.getOptions().getContentFormat()).isEqualTo(PayloadCodec.JSON);
            JsonNode said = new ObjectMapper().readTree(json.getPayload());
            assertThat(said.get("pileId").textValue()).as("the id whole, not cut at 40").isEqualTo(longId);
            assertThat(said.get("reason").textValue())
                    .isEqualTo("limit for pile \"P2\" sent to pile \"pile-" + "x".repeat(35) + "\"...");
            CoapResponse cbor = put(other, body, PayloadCodec.JSON, PayloadCodec.CBOR);
            assertThat(cbor.getOptions().getContentFormat()).isEqualTo(PayloadCodec.CBOR);
            assertThat(new ObjectMapper(new CBORFactory()).readTree(cbor.getPayload()).get("pileId").textValue())
                    .isEqualTo(longId);
            assertThat(other.pile.leaseExpiry()).as("no lease taken").isEmpty();
        }
    }

    @Test
    void aGatewayAskingForNothingIsToldTheReasonAsBefore() throws Exception {
        CoapResponse prose = putJson("{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P2\"}");
        assertThat(prose.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
        assertThat(prose.getResponseText()).isEqualTo("limit for pile \"P2\" sent to pile \"P1\"");
    }

    @Test
    void aLimitForThisPileIsAppliedInJsonAndCbor() throws Exception {
        assertThat(putJson("{\"amps\":16,\"ttlSeconds\":30,\"pileId\":\"P1\"}").getCode())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(bridge.pile.status().ampsOffered()).isEqualTo(16.0);
        assertThat(put(cbor("P1"), PayloadCodec.CBOR).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(bridge.pile.leaseExpiry()).isPresent();
    }

    @Test
    void infoSaysALimitMayNameThePile() throws Exception {
        CoapClient client = TestClients.plain(bridge.plainUri("/info"));
        try {
            JsonNode info = new ObjectMapper().readTree(client.get().getPayload());
            assertThat(info.get("limitOptionalKeys").toString()).isEqualTo("[\"pileId\"]");
        } finally {
            TestClients.close(client);
        }
    }

    private void assertNotApplied(CoapResponse response, ResponseCode code, String reason) {
        assertThat(response.getCode()).isEqualTo(code);
        assertThat(response.getResponseText()).isEqualTo(reason);
        assertThat(bridge.pile.status().ampsOffered()).as("offered").isEqualTo(6.0);
        assertThat(bridge.pile.leaseExpiry()).as("no lease taken").isEmpty();
    }

    private static byte[] cbor(String pileId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject(3);
            g.writeNumberField("amps", 16.0);
            g.writeNumberField("ttlSeconds", 30);
            g.writeStringField("pileId", pileId);
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
