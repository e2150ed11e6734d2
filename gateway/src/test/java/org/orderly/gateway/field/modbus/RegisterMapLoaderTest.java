package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterMapLoaderTest {

    @Test
    void everyShippedMapLoadsAndCitesItsSource() throws Exception {
        Map<String, RegisterMap> maps = DeviceMaps.all();
        assertThat(maps).containsKeys("eastron-sdm630", "eastron-sdm120", "chint-dtsu666", "chint-ddsu666",
                "acrel-adl400", "generic");
        maps.forEach((name, map) -> {
            assertThat(map.source()).as(name).isNotBlank();
            assertThat(map.points()).as(name).extracting(RegisterPoint::quantity)
                    .anyMatch(q -> q.startsWith("power.total."));
        });
    }

    @Test
    void readsTheDtsu666AsTheChintManualTabulatesIt() throws Exception {
        RegisterMap dtsu = DeviceMaps.load("chint-dtsu666");
        RegisterPoint pt = dtsu.points().stream().filter(p -> p.quantity().equals("power.total.kw")).findFirst().orElseThrow();
        assertThat(pt.address()).isEqualTo(0x2012);
        assertThat(pt.function()).isEqualTo(FunctionCode.READ_HOLDING_REGISTERS);
        assertThat(pt.type()).isEqualTo(DataType.FLOAT32);
        assertThat(pt.scale()).isEqualTo(0.0001);
        assertThat(pt.line()).isPositive();
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        String text = String.join("\n",
                "model: Broken",                                   // 1
                "source: test",                                    // 2
                "colour: blue",                                    // 3
                "defaults: { function: 3, type: float32 }",        // 4
                "registers:",                                      // 5
                "  - { quantity: power.total.kw, address: 0x10 }", // 6
                "  - { quantity: power.total.kw, address: 0x20 }", // 7
                "  - { quantity: current.a.a, address: 0x11 }",    // 8
                "  - { quantity: voltage.a.v, address: 12, type: float64 }", // 9
                "  - { quantity: Energy, address: 40 }",           // 10
                "  - { quantity: energy.import.kwh }",             // 11
                "  - { quantity: frequency.hz, address: 50, function: 6, scale: 0 }", // 12
                "  - { quantity: x.y, address: 60, order: middle }"); // 13
        RegisterMapException e = catchThrowableOfType(() -> RegisterMapLoader.parse("broken.yaml", text),
                RegisterMapException.class);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "broken.yaml:3: unknown key 'colour' (expected one of [defaults, max_gap, max_words, model, registers, source])",
                "broken.yaml:9: 'type' must be int16, uint16, int32, uint32 or float32, was 'float64'",
                "broken.yaml:10: quantity 'Energy' must look like power.total.kw (lower case, dotted, unit last)",
                "broken.yaml:11: missing 'address'",
                "broken.yaml:12: 'function' must be 3 or 4, was '6'",
                "broken.yaml:12: scale must be a finite non-zero number",
                "broken.yaml:13: 'order' must be big or little, was 'middle'",
                "broken.yaml:7: quantity 'power.total.kw' already defined at line 6",
                "broken.yaml:8: registers of 'current.a.a' overlap 'power.total.kw' (line 6)");
        assertThat(e.getMessage()).startsWith("broken.yaml:3: unknown key");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        RegisterMapException e = catchThrowableOfType(
                () -> RegisterMapLoader.parse("bad.yaml", "model: x\nsource: y\nregisters: [ {quantity: a.b\n"),
                RegisterMapException.class);
        assertThat(e.problems()).singleElement().asString().startsWith("bad.yaml:").contains("not valid YAML");
    }

    @Test
    void theGenericTemplateIsItselfAValidMap() throws Exception {
        Path generic = DeviceMaps.directory().resolve("generic.yaml");
        assertThat(RegisterMapLoader.load(generic).model()).contains("Generic");
    }
}
