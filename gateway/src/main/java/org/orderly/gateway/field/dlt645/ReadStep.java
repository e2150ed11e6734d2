package org.orderly.gateway.field.dlt645;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.orderly.gateway.field.modbus.FieldReadException;

/** One exchange of a meter's poll: one identifier, or one block for the configured quantities it carries. */
public sealed interface ReadStep {
    /** The identifier asked, as failures name it. */
    String asked();

    /** One exchange with the meter at {@code address}: the values read, by identifier, in the order read. */
    Map<DataId, Double> readFrom(Dlt645Client client, MeterAddress address) throws FieldReadException, InterruptedException;

    /** One identifier's read. */
    record Single(DataId di) implements ReadStep {
        public Single {
            Objects.requireNonNull(di, "di");
        }

        @Override
        public String asked() {
            return di.toString();
        }

        @Override
        public Map<DataId, Double> readFrom(Dlt645Client client, MeterAddress address)
                throws FieldReadException, InterruptedException {
            return Map.of(di, client.read(address, di));
        }
    }

    /** One block's read, of which {@code wanted} (configured, in the block's order) are kept and the rest dropped. */
    record Block(DataBlock block, List<DataId> wanted) implements ReadStep {
        public Block {
            Objects.requireNonNull(block, "block");
            wanted = List.copyOf(wanted);
        }

        @Override
        public String asked() {
            return block.toString();
        }

        @Override
        public Map<DataId, Double> readFrom(Dlt645Client client, MeterAddress address)
                throws FieldReadException, InterruptedException {
            return client.readBlock(address, block, wanted);
        }

        /** The wanted members read one at a time: what the block falls back to. */
        public List<ReadStep> singly() {
            return wanted.stream().<ReadStep>map(Single::new).toList();
        }
    }

    /**
     * The exchanges that read {@code meter}'s quantities: with block reads on, a block wherever two or more of them are
     * in one (one quantity alone is cheaper asked alone), placed where the first of them is, so the poll's first
     * request still asks for the meter's first quantity (its reading is stamped then); a block in {@code refused} is
     * read one quantity at a time.
     */
    public static List<ReadStep> plan(Dlt645Meter meter, Set<DataBlock> refused) {
        List<ReadStep> steps = new ArrayList<>();
        Set<DataBlock> placed = new LinkedHashSet<>();
        for (DataId di : meter.reads()) {
            DataBlock block = meter.blockReads() ? DataBlock.of(di).orElse(null) : null;
            List<DataId> wanted = block == null ? List.of()
                    : block.members().stream().filter(meter.reads()::contains).toList();
            if (block == null || refused.contains(block) || wanted.size() < 2) {
                steps.add(new Single(di));
            } else if (placed.add(block)) {
                steps.add(new Block(block, wanted));
            }
        }
        return steps;
    }
}
