package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.WriteFunction;

class PileMapLoaderTest {

    @Test
    void loadsTheShippedTemplate() throws Exception {
        PileMap map = PileMaps.generic();
        assertThat(map.model()).isEqualTo("Generic pile (template)");
        assertThat(map.limit()).isEqualTo(new PileRegister("limit", 0x0100, WriteFunction.WRITE_SINGLE_REGISTER, 0.1, map.limit().line()));
        assertThat(map.watchdog().orElseThrow().address()).isEqualTo(0x0101);
        assertThat(map.fallback().orElseThrow().raw(6.0)).isEqualTo(60);
        assertThat(map.states()).containsEntry(3, ChargeState.C).hasSize(5);
        assertThat(map.status().points()).extracting(p -> p.quantity())
                .containsExactly(PileMap.STATE, PileMap.AMPS_OFFERED, PileMap.POWER, PileMap.SESSION_ENERGY);
    }

    @Test
    void reportsEveryProblemWithItsLineIncludingTheMeterRules() {
        String text = String.join("\n",
                "model: Bad pile",
                "source: test",
                "limit: { address: 0x0100, function: 5, scale: 0.1 }",
                "watchdog:",
                "  address: 0x0101",
                "  colour: red",
                "states: { 1: A, 3: Q }",
                "registers:",
                "  - { quantity: state.code, address: 0x0200, type: uint16 }",
                "  - { quantity: boost.level.a, address: 0x0201, type: uint16 }",
                "  - { quantity: power.total.kw, address: 0x0202, type: int8 }",
                "");
        RegisterMapException e = catchThrowableOfType(RegisterMapException.class, () -> PileMapLoader.parse("bad-pile.yaml", text));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("bad-pile.yaml:3:").contains("'limit.function' must be 6 or 16"))
                .anySatisfy(p -> assertThat(p).startsWith("bad-pile.yaml:6:").contains("unknown key 'colour' in watchdog"))
                .anySatisfy(p -> assertThat(p).startsWith("bad-pile.yaml:7:").contains("state must be A, B, C, E or F, was 'Q'"))
                .anySatisfy(p -> assertThat(p).startsWith("bad-pile.yaml:11:").contains("type"));
        System.out.println(String.join("\n", e.problems()));
    }

    /** An installer fixes a map from the top: check-config names the first problem and counts the rest. */
    @Test
    void problemsAreListedInTheOrderOfTheirLines() {
        String text = String.join("\n",
                "model: Bad pile",
                "source: test",
                "registers:",
                "  - { quantity: state.code, address: 0x0200, type: int8 }",
                "  - { quantity: boost.level.a, address: 0x0201, type: uint16 }",
                "states: { 1: A, 3: Q }",
                "limit: { address: 0x0100, function: 5, scale: 0.1 }",
                "");
        RegisterMapException e = catchThrowableOfType(RegisterMapException.class, () -> PileMapLoader.parse("bad-pile.yaml", text));
        List<Integer> lines = e.problems().stream()
                .map(p -> Integer.parseInt(p.substring("bad-pile.yaml:".length(), p.indexOf(':', "bad-pile.yaml:".length()))))
                .toList();
        assertThat(lines).as("%s", e.problems()).hasSizeGreaterThanOrEqualTo(4).isSorted();
    }

    @Test
    void aMissingLimitAndStateAreReported() {
        String text = "model: M\nsource: s\nstates: { 1: A }\nregisters:\n"
                + "  - { quantity: power.total.kw, address: 2, function: 3, type: uint16 }\n";
        RegisterMapException e = catchThrowableOfType(RegisterMapException.class, () -> PileMapLoader.parse("p.yaml", text));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'limit' is required"))
                .anySatisfy(p -> assertThat(p).contains("registers must include state.code"));
    }
}
