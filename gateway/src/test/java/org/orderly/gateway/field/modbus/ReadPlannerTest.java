package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {

    private static RegisterPoint p(String q, int address, FunctionCode f, DataType t) {
        return new RegisterPoint(q, address, f, t, WordOrder.BIG, 1, 0);
    }

    private static final FunctionCode HR = FunctionCode.READ_HOLDING_REGISTERS;
    private static final FunctionCode IR = FunctionCode.READ_INPUT_REGISTERS;

    @Test
    void joinsContiguousRegistersOfOneFunctionOnly() {
        RegisterMap map = new RegisterMap("m", "s", 0, 60, List.of(
                p("a.v", 0, HR, DataType.FLOAT32), p("b.v", 2, HR, DataType.UINT16), p("c.v", 3, HR, DataType.INT32),
                p("d.v", 6, HR, DataType.FLOAT32), p("e.v", 5, IR, DataType.UINT16)));
        assertThat(ReadPlanner.plan(map)).extracting(ReadBlock::toString)
                .containsExactly("fc3 0x0000+5", "fc3 0x0006+2", "fc4 0x0005+1");
    }

    @Test
    void bridgesGapsTheMapAllowsAndSplitsAtMaxWords() {
        RegisterMap map = new RegisterMap("m", "s", 4, 8, List.of(
                p("a.v", 0, HR, DataType.FLOAT32), p("b.v", 4, HR, DataType.FLOAT32), p("c.v", 7, HR, DataType.FLOAT32)));
        assertThat(ReadPlanner.plan(map)).extracting(ReadBlock::toString).containsExactly("fc3 0x0000+6", "fc3 0x0007+2");
    }

    @Test
    void shippedMapsNeedFewRequests() throws Exception {
        assertThat(ReadPlanner.plan(DeviceMaps.load("chint-dtsu666"))).extracting(ReadBlock::toString)
                .containsExactly("fc3 0x101E+2", "fc3 0x1028+2", "fc3 0x2006+20", "fc3 0x2044+2");
        assertThat(ReadPlanner.plan(DeviceMaps.load("eastron-sdm630"))).extracting(ReadBlock::toString)
                .containsExactly("fc4 0x0000+18", "fc4 0x0034+2", "fc4 0x0046+6");
    }
}
