package org.orderly.tools.commission;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;

/**
 * selftest's piles, read side by side: one after another, a silent bridge held back every pile after it for its whole
 * --wait-s. At most {@link #AT_ONCE} are read at once (each reading holds a CoAP endpoint, a socket and its threads,
 * or a Modbus line), and the piles of one Modbus bus one after another, since a serial port has one user at a time.
 * The results come back in the configuration's order.
 */
final class PilesAtOnce {
    static final int AT_ONCE = 8;

    /** Reads one pile; may block up to its wait. */
    interface Reading<R> {
        R read(PileConfig pile) throws Exception;
    }

    private PilesAtOnce() {
    }

    /** What {@code reading} gives for each pile, in the order of {@code piles}; the first failure is thrown. */
    static <R> List<R> read(List<PileConfig> piles, Reading<R> reading) throws Exception {
        List<List<PileConfig>> groups = groups(piles);
        if (groups.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(AT_ONCE, groups.size()), r -> {
            Thread t = new Thread(r, "selftest-pile-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<R>>> readings = new ArrayList<>();
            for (List<PileConfig> group : groups) {
                // A group's piles share a line: each is read once the one before it is done.
                readings.add(pool.submit(() -> {
                    List<R> rows = new ArrayList<>();
                    for (PileConfig p : group) {
                        rows.add(reading.read(p));
                    }
                    return rows;
                }));
            }
            Map<PileConfig, R> byPile = new IdentityHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                List<R> rows;
                try {
                    rows = readings.get(g).get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                for (int i = 0; i < rows.size(); i++) {
                    byPile.put(groups.get(g).get(i), rows.get(i));
                }
            }
            return piles.stream().map(byPile::get).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * How long the piles may take when none answers: each waits {@code waitS}, a bus's one after another,
     * {@link #AT_ONCE} at a time in the configuration's order.
     */
    static long worstSeconds(List<PileConfig> piles, int waitS) {
        List<List<PileConfig>> groups = groups(piles);
        PriorityQueue<Long> free = new PriorityQueue<>();
        for (int i = 0; i < Math.min(AT_ONCE, groups.size()); i++) {
            free.add(0L);
        }
        long end = 0;
        for (List<PileConfig> group : groups) {
            long done = free.remove() + (long) group.size() * waitS;
            free.add(done);
            end = Math.max(end, done);
        }
        return end;
    }

    /** Each bridge alone; the Modbus piles of one bus together, where the first of them stands. */
    private static List<List<PileConfig>> groups(List<PileConfig> piles) {
        Map<Object, List<PileConfig>> groups = new LinkedHashMap<>();
        for (PileConfig p : piles) {
            Object key = p.driver() instanceof PileDriver.Modbus m ? "bus " + m.bus() : p;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return List.copyOf(groups.values());
    }
}
