package org.orderly.gateway.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.PileRequestWait;
import org.orderly.gateway.field.modbus.ReadBlock;
import org.orderly.gateway.field.modbus.ReadPlanner;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.text.Count;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Whether the Modbus bus of the transformer meter leaves a cycle the room its pile meters and its serial Modbus piles
 * are served in, as far as the configuration makes it certain. The transformer meter's requests take at least their
 * frames' time on the wire (on a serial bus, at its baud rate; nothing is certain over TCP) and the bus's gaps between
 * them, before the meter takes any time to answer; a pile meter's first read and a pile's request are each begun only
 * with the gap, the bus's whole timeout and the gap left before the next transformer read (BusPoller). When even that
 * does not fit in the gateway's cycle, half of {@code control.periodMs}, one warning at the transformer meter's bus says
 * so. A meter slow to answer may leave less still: only the running bus can tell, and its log says it.
 */
final class TransformerBusRoom {
    private TransformerBusRoom() {
    }

    /**
     * @param piles      the Modbus piles whose requests go through the bus's poller (on a serial bus)
     * @param pileMeters the Modbus pile meters on the bus
     */
    static void check(BusConfig bus, RegisterMap transformerMap, int piles, int pileMeters, int periodMs, Node at,
                      Problems warnings) {
        Duration cycle = ControlConfig.meterPollEvery(periodMs);
        Duration gap = Duration.ofMillis(bus.gapMs());
        List<ReadBlock> blocks = ReadPlanner.plan(transformerMap);
        Duration reads = ReadOnTheWire.least(bus, transformerMap);
        String how = "the " + bus.gapMs() + " ms gaps between them";
        if (bus.endpoint() instanceof BusEndpoint.Serial serial) {
            how = "their frames at " + serial.baud() + " baud and " + how + ", before the meter takes any time to answer";
        }
        String took = "the transformer meter's " + Count.of(blocks.size(), "request") + " "
                + Count.word(blocks.size(), "takes", "take") + " " + (reads.isZero()
                ? "what the meter takes to answer" : "at least " + reads.toMillis() + " ms (" + how + ")");
        String gatewayCycle = "the gateway's " + cycle.toMillis() + " ms cycle (half of control.periodMs " + periodMs + ")";
        if (reads.compareTo(cycle) > 0) {
            warnings.at(at, "bus '" + bus.name() + "': " + took + ", more than " + gatewayCycle + ": it cannot be read every"
                    + " cycle; raise the bus's baud rate (the meter's too), or control.periodMs");
            return;
        }
        Duration room = gap.plus(Duration.ofMillis(bus.timeoutMs())).plus(gap);
        if (piles + pileMeters == 0 || reads.plus(room).compareTo(cycle) <= 0) {
            return;
        }
        List<String> served = new ArrayList<>();
        if (piles > 0) {
            served.add("the requests of its " + Count.of(piles, "Modbus pile") + " wait " + PileRequestWait.BOUND.toMillis()
                    + " ms each time, then run ahead of the transformer read, which waits for them");
        }
        if (pileMeters > 0) {
            served.add("its " + Count.of(pileMeters, "pile meter") + " " + Count.word(pileMeters, "is", "are") + " never read");
        }
        warnings.at(at, "bus '" + bus.name() + "': of " + gatewayCycle + " " + took + ", and a pile's request or a pile"
                + " meter's read is begun only with " + room.toMillis() + " ms left (the gap, the bus's " + bus.timeoutMs()
                + " ms timeout, the gap): none fits in a cycle's room, so " + String.join(", and ", served)
                + "; give the transformer meter a bus of its own, lower the bus's timing.timeoutMs, or raise"
                + " control.periodMs");
    }
}
