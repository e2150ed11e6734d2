package org.orderly.gateway.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.text.Count;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Whether a Modbus bus reads its pile meters round-robin often enough for them to measure their piles' draws. A pile
 * meter's reading measures the draw of a pile that does not measure it only while no older than
 * {@code control.staleAfterMs} (PileMeters); a bus that takes longer to come round to it has the draw flip between
 * measured and not. Each cycle (half of {@code control.periodMs}) the poller reads the transformer meter, if the bus
 * has it, then begins pile meters in turn: with a transformer meter on the bus only while the gap, the pile meter's
 * read and the gap still fit before the next transformer read, without one while any of the cycle is left; never more
 * than all of them (BusPoller, PollingLoop). The round is reckoned so, from each read's least time on the wire
 * ({@link ReadOnTheWire}), so it is at least that long: when it is longer than {@code control.staleAfterMs} one
 * warning at the bus of the first pile meter that serves a pile that does not measure says so. Only such pile meters
 * count: a Modbus pile whose map reads no power. A firmware-bridge measures its draw with its own meter, whose bus
 * meter stands in only while that is silent, and a pile whose map reads its power keeps its own measurement.
 */
final class PileMeterRound {
    private PileMeterRound() {
    }

    /** A pile meter on the bus: its id, its map, and whether its pile does not measure its own draw. */
    record OnBus(String id, RegisterMap map, boolean measuresForItsPile) {
    }

    /**
     * @param transformerMap the transformer meter's map where it is on this bus
     * @param pileMeters     the bus's Modbus pile meters, in the order the poller reads them
     */
    static void check(BusConfig bus, Optional<RegisterMap> transformerMap, List<OnBus> pileMeters, int periodMs,
                      int staleAfterMs, Node at, Problems warnings) {
        List<String> serving = pileMeters.stream().filter(OnBus::measuresForItsPile).map(OnBus::id).toList();
        if (serving.isEmpty()) {
            return;
        }
        Duration cycle = ControlConfig.meterPollEvery(periodMs);
        Duration gap = Duration.ofMillis(bus.gapMs());
        Duration transformer = transformerMap.map(m -> ReadOnTheWire.least(bus, m)).orElse(null);
        Duration round = Duration.ZERO;
        int read = 0;
        int mostInACycle = 0;
        while (read < pileMeters.size()) {
            Duration used = transformer == null ? Duration.ZERO : transformer;
            int begun = 0;
            while (read < pileMeters.size() && begun < pileMeters.size()) {
                Duration takes = gap.plus(ReadOnTheWire.least(bus, pileMeters.get(read).map()));
                boolean room = transformer == null ? used.compareTo(cycle) < 0
                        : used.plus(takes).plus(gap).compareTo(cycle) <= 0;
                if (!room) {
                    break;
                }
                used = used.plus(takes);
                begun++;
                read++;
            }
            if (begun == 0) {
                // No pile meter fits after the transformer's read: TransformerBusRoom's warning says they are never read.
                return;
            }
            mostInACycle = Math.max(mostInACycle, begun);
            round = round.plus(used.compareTo(cycle) > 0 ? used : cycle);
        }
        long roundMs = (round.toNanos() + 999_999) / 1_000_000;
        if (roundMs <= staleAfterMs) {
            return;
        }
        String onWire = bus.endpoint() instanceof BusEndpoint.Serial serial
                ? "their frames at " + serial.baud() + " baud and the " + bus.gapMs() + " ms gaps"
                : "the " + bus.gapMs() + " ms gaps";
        warnings.at(at, "bus '" + bus.name() + "': a round of its " + Count.of(pileMeters.size(), "pile meter")
                + " takes at least " + roundMs + " ms (" + onWire + ", at most " + mostInACycle + " begun in each of the"
                + " gateway's " + cycle.toMillis() + " ms cycles, half of control.periodMs " + periodMs
                + (transformer == null ? "" : ", after the transformer meter's read") + "), more than"
                + " control.staleAfterMs " + staleAfterMs + ": " + String.join(", ", serving) + ", measuring the draw of "
                + Count.word(serving.size(), "a Modbus pile whose map reads", "Modbus piles whose maps read")
                + " no power, " + Count.word(serving.size(), "serves", "serve") + " only part of the time, the draw"
                + " flipping between measured and not; give the pile meters a bus of their own, put fewer on each bus,"
                + " or make control.staleAfterMs longer than the round");
    }
}
