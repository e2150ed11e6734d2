package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Meter;
import org.orderly.gateway.field.modbus.MeterRole;

class LineSourceTest {

    private static MeterLines lines(LineSource source, Map<String, Double> values) {
        return source.lines(q -> values.containsKey(q) ? OptionalDouble.of(values.get(q)) : OptionalDouble.empty(), 230);
    }

    @Test
    void currentsAreTakenOverPowersAndOnlyAllThreeLinesOfEither() {
        // A line's limit is in amperes. Households at power factor 0.8 drawing 60 kW on a 220 V line carry 341 A: by
        // their power the line has room for 127 A of cars under a 400 A limit, and would carry about 448 A; by their
        // current, for 59 A.
        assertThat(LineSource.of(List.of("power.total.kw", "power.a.kw", "power.b.kw", "power.c.kw", "current.a.a",
                "current.b.a", "current.c.a"))).isEqualTo(LineSource.CURRENT);
        assertThat(LineSource.of(List.of("power.total.kw", "power.a.kw", "power.b.kw", "power.c.kw", "current.a.a")))
                .isEqualTo(LineSource.POWER);
        assertThat(LineSource.of(List.of("power.total.kw", "voltage.a.v", "current.a.a"))).isEqualTo(LineSource.NONE);
    }

    @Test
    void aDlt645TransformerMetersDefaultReadsGiveTheLinesCurrents() {
        assertThat(LineSource.of(Dlt645Meter.defaultReads(MeterRole.TRANSFORMER).stream().map(DataId::quantity).toList()))
                .isEqualTo(LineSource.CURRENT);
    }

    @Test
    void aCurrentIsTakenAtThePhaseVoltageWhateverItsSign() {
        MeterLines read = lines(LineSource.CURRENT, Map.of("current.a.a", 100.0, "current.b.a", -10.0,
                "current.c.a", 0.0));

        assertThat(read).isInstanceOf(MeterLines.Read.class);
        MeterLines.Read r = (MeterLines.Read) read;
        assertThat(r.kw().aKw()).isCloseTo(23, within(1e-9));
        assertThat(r.kw().bKw()).isCloseTo(2.3, within(1e-9));
        assertThat(r.kw().cKw()).isZero();
    }

    @Test
    void aLineNotReadOrNotANumberIsMissingAndNamed() {
        assertThat(lines(LineSource.POWER, Map.of("power.a.kw", 1.0, "power.c.kw", 1.0)))
                .isEqualTo(new MeterLines.Missing("power.b.kw"));
        assertThat(lines(LineSource.POWER, Map.of("power.a.kw", Double.NaN, "power.b.kw", 1.0, "power.c.kw", 1.0)))
                .isEqualTo(new MeterLines.Missing("power.a.kw"));
        assertThat(lines(LineSource.NONE, Map.of("power.a.kw", 1.0))).isEqualTo(MeterLines.UNREAD);
    }
}
