package org.orderly.bridge.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileConfig;

class LimitRequestTest {

    private final PayloadCodec codec = new PayloadCodec();
    private final PileConfig pile = PileConfig.homePile("P1");

    private LimitRequest json(String body) throws PayloadException {
        return LimitRequest.from(codec.decode(body.getBytes(StandardCharsets.UTF_8), PayloadCodec.JSON), pile,
                LimitKeys.WITH_PILE_ID);
    }

    @Test
    void jsonAndCborCarryTheSameRequest() throws Exception {
        byte[] cbor = new CBORMapper().writeValueAsBytes(Map.of("amps", 16.0, "ttlSeconds", 30));
        assertThat(json("{\"amps\": 16.0, \"ttlSeconds\": 30}")).isEqualTo(new LimitRequest(16.0, 30));
        assertThat(LimitRequest.from(codec.decode(cbor, PayloadCodec.CBOR), pile, LimitKeys.WITH_PILE_ID))
                .isEqualTo(new LimitRequest(16.0, 30));
        assertThat(json("{\"amps\": 0, \"ttlSeconds\": 3600}")).isEqualTo(new LimitRequest(0.0, 3600));
        assertThat(json("{\"amps\": 6, \"ttlSeconds\": 1}")).isEqualTo(new LimitRequest(6.0, 1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\": 16, \"ttlSeconds\": 30, \"x\": 1} | unknown key \"x\"",
            "{\"amps\": 5.9, \"ttlSeconds\": 30}          | amps 5.9 must be 0 or within [6, 32] for pile P1",
            "{\"amps\": 33, \"ttlSeconds\": 30}           | amps 33 must be 0 or within",
            "{\"amps\": 16, \"ttlSeconds\": 0}            | ttlSeconds 0 must be within 1..3600",
            "{\"amps\": 16, \"ttlSeconds\": 3601}         | ttlSeconds 3601 must be within 1..3600",
            "{\"amps\": 16, \"ttlSeconds\": 1.5}          | ttlSeconds must be a whole number",
            "{\"amps\": \"16\", \"ttlSeconds\": 30}       | amps must be a number, was \"16\"",
            "{\"ttlSeconds\": 30}                         | amps is missing",
            "{\"amps\": 16                                | malformed application/json",
            "[16, 30]                                     | payload must be an object",
    })
    void badRequestsAreRefusedWithOneLineReasons(String body, String reason) {
        assertThatThrownBy(() -> json(body))
                .isInstanceOfSatisfying(PayloadException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResponseCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains(reason).doesNotContain("\n");
                });
    }

    @Test
    void otherContentFormatsAreUnsupported() {
        assertThatThrownBy(() -> codec.decode("16".getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.code()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
    }
}
