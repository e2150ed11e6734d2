package org.orderly.gateway.field.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups a map's points into as few requests as the map allows: points of one function code are
 * joined when the registers between them number at most {@code maxGap} and the request stays within
 * {@code maxWords}. A gap of 0 (the default) joins only contiguous registers, so no request touches
 * an address the vendor did not document.
 */
public final class ReadPlanner {

    private ReadPlanner() {
    }

    public static List<ReadBlock> plan(RegisterMap map) {
        List<RegisterPoint> sorted = new ArrayList<>(map.points());
        sorted.sort(Comparator.comparing(RegisterPoint::function).thenComparingInt(RegisterPoint::address));
        List<ReadBlock> blocks = new ArrayList<>();
        List<RegisterPoint> current = new ArrayList<>();
        for (RegisterPoint p : sorted) {
            if (!current.isEmpty()) {
                RegisterPoint first = current.get(0);
                int end = current.stream().mapToInt(RegisterPoint::end).max().orElseThrow();
                boolean joins = p.function() == first.function()
                        && p.address() - end <= map.maxGap()
                        && p.end() - first.address() <= map.maxWords();
                if (!joins) {
                    blocks.add(block(current));
                    current = new ArrayList<>();
                }
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            blocks.add(block(current));
        }
        return List.copyOf(blocks);
    }

    private static ReadBlock block(List<RegisterPoint> points) {
        int start = points.get(0).address();
        int end = points.stream().mapToInt(RegisterPoint::end).max().orElseThrow();
        return new ReadBlock(points.get(0).function(), start, end - start, points);
    }
}
