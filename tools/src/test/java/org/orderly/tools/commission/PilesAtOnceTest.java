package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;

/** How selftest spreads its piles: the bound it announces, and a Modbus bus's piles never read at once. */
class PilesAtOnceTest {
    private static PileConfig bridge(String id) {
        return new PileConfig(new Pile(id, Phase.A, 6, 32, null), new PileDriver.Coap("127.0.0.1", 5684, "id", "k", false, 30, 6));
    }

    private static PileConfig modbus(String id, String bus) {
        return new PileConfig(new Pile(id, Phase.A, 6, 32, null), new PileDriver.Modbus(bus, 20, "piles/generic-pile",
                PileDriver.DEFAULT_SAFE_AMPS, PileDriver.Lapse.SAFE_AMPS));
    }

    @Test
    void theAnnouncedBoundIsAWaitForEveryEightBridgesAndAWaitForEachPileOfABus() {
        List<PileConfig> bridges = IntStream.range(0, 24).mapToObj(i -> bridge("p" + i)).toList();
        assertThat(PilesAtOnce.worstSeconds(bridges, 5)).isEqualTo(15);
        assertThat(PilesAtOnce.worstSeconds(bridges.subList(0, 2), 5)).isEqualTo(5);
        assertThat(PilesAtOnce.worstSeconds(List.of(), 5)).isZero();
        assertThat(PilesAtOnce.worstSeconds(List.of(modbus("m1", "room"), bridge("p1"), modbus("m2", "room"), modbus("m3", "room")), 5))
                .isEqualTo(15);
    }

    @Test
    void readsInTheConfigurationsOrderAndABussPilesOneAfterAnother() throws Exception {
        List<PileConfig> piles = List.of(modbus("m1", "room"), bridge("p1"), modbus("m2", "room"), bridge("p2"), modbus("m3", "garage"));
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger mostOnOneBus = new AtomicInteger();
        CountDownLatch bridgesIn = new CountDownLatch(2);
        List<String> read = PilesAtOnce.read(piles, p -> {
            if (p.driver() instanceof PileDriver.Modbus m) {
                int now = inside.computeIfAbsent(m.bus(), b -> new AtomicInteger()).incrementAndGet();
                mostOnOneBus.accumulateAndGet(now, Math::max);
                // Stays in while a second pile of the bus would come in, were they read at once.
                Thread.sleep(200);
                inside.get(m.bus()).decrementAndGet();
            } else {
                bridgesIn.countDown();
                // Both bridges are read at once, or this waits in vain.
                assertThat(bridgesIn.await(10, TimeUnit.SECONDS)).as("the other bridge is read meanwhile").isTrue();
            }
            return p.pile().id();
        });
        assertThat(read).containsExactly("m1", "p1", "m2", "p2", "m3");
        assertThat(mostOnOneBus.get()).isEqualTo(1);
    }

    @Test
    void noMoreThanEightPilesAreReadAtOnce() throws Exception {
        List<PileConfig> bridges = IntStream.range(0, 12).mapToObj(i -> bridge("p" + i)).toList();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch ninth = new CountDownLatch(PilesAtOnce.AT_ONCE + 1);
        List<String> read = PilesAtOnce.read(bridges, p -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            ninth.countDown();
            // A ninth reading at once would come in meanwhile; bounded, the eight wait this out in vain.
            ninth.await(2, TimeUnit.SECONDS);
            inside.decrementAndGet();
            return p.pile().id();
        });
        assertThat(read).hasSize(12);
        assertThat(most.get()).as("readings at once").isEqualTo(PilesAtOnce.AT_ONCE);
    }
}
