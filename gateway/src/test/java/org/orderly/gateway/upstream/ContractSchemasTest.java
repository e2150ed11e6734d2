package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The check the contract's tests rely on finds what is wrong: by the envelope through its $ref, formats, fields. */
class ContractSchemasTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode state() throws Exception {
        return (ObjectNode) JSON.readTree("{\"v\":1,\"type\":\"state\",\"id\":\"gw-1:1\",\"seq\":1,\"gatewayId\":\"gw-1\","
                + "\"ts\":\"2026-11-29T12:00:00Z\",\"state\":\"online\"}");
    }

    @Test
    void aValidStateHasNoProblem() throws Exception {
        assertThat(SCHEMAS.problems("state", state())).isEmpty();
    }

    @Test
    void theEnvelopeIsCheckedThroughItsRef() throws Exception {
        ObjectNode noSeq = state();
        noSeq.remove("seq");
        assertThat(SCHEMAS.problems("state", noSeq)).anyMatch(p -> p.contains("seq"));
        assertThat(SCHEMAS.problems("state", state().put("v", 2))).anyMatch(p -> p.startsWith("/v"));
        assertThat(SCHEMAS.problems("state", state().put("type", "telemetry"))).anyMatch(p -> p.startsWith("/type"));
    }

    @Test
    void formatsAreAsserted() throws Exception {
        assertThat(SCHEMAS.problems("state", state().put("ts", "yesterday"))).anyMatch(p -> p.startsWith("/ts"));
        assertThat(SCHEMAS.problems("state", state().put("ts", "2026-11-29T12:00:00"))).as("no offset")
                .anyMatch(p -> p.startsWith("/ts"));
    }

    @Test
    void aFieldTheSchemaDoesNotNameIsFoundAlsoNested() throws Exception {
        assertThat(SCHEMAS.problems("state", state().put("extra", 1))).containsExactly(
                "/extra: not named by the schema state");
        ObjectNode t = (ObjectNode) JSON.readTree("{\"v\":1,\"type\":\"telemetry\",\"id\":\"g:2\",\"seq\":2,"
                + "\"gatewayId\":\"g\",\"ts\":\"2026-11-29T12:00:00Z\",\"transformerKw\":null,\"baseKw\":null,"
                + "\"evKw\":0,\"limitKw\":1,\"headroomKw\":null,\"phaseCurrentsA\":{\"A\":1,\"B\":1,\"C\":1,\"N\":0},"
                + "\"flex\":{\"shedKw\":0,\"addKw\":null},\"mode\":\"normal\","
                + "\"piles\":{\"total\":0,\"plugged\":0,\"charging\":0}}");
        assertThat(SCHEMAS.problems("telemetry", t)).containsExactly(
                "/phaseCurrentsA/N: not named by the schema telemetry");
    }
}
