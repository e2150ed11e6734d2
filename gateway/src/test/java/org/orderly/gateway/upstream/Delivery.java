package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks what the grid side received against the contract: every number 1..last once after de-duplication, and per topic in order. */
final class Delivery {
    private Delivery() {
    }

    /** Returns a one-line summary of what arrived. */
    static String assertCompleteAndOrdered(GridSide grid, long last) {
        List<GridSide.Received> unique = grid.deduplicated();
        List<Long> seqs = unique.stream().map(GridSide.Received::seq).sorted().toList();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= last; i++) {
            expected.add(i);
        }
        List<Long> missing = new ArrayList<>(expected);
        missing.removeAll(seqs);
        assertThat(missing).as("numbers lost (of 1..%s)", last).isEmpty();
        assertThat(seqs).as("each number once after de-duplication by id, nothing beyond the last").isEqualTo(expected);
        Map<String, GridSide.Received> lastByTopic = new HashMap<>();
        for (GridSide.Received r : unique) {
            GridSide.Received before = lastByTopic.put(r.topic(), r);
            assertThat(before == null || before.seq() < r.seq()).as("on %s, %s arrived after %s", r.topic(), r.json(),
                    before == null ? null : before.json()).isTrue();
        }
        long received = grid.all().stream().filter(r -> r.json().has("seq")).count();
        return last + " messages, " + (received - unique.size()) + " duplicates removed, topics " + countByTopic(unique);
    }

    private static Map<String, Integer> countByTopic(List<GridSide.Received> unique) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        for (GridSide.Received r : unique) {
            n.merge(r.topic().substring(r.topic().lastIndexOf('/') + 1), 1, Integer::sum);
        }
        return n;
    }
}
