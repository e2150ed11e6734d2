package org.orderly.gateway.core.policy;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.model.GridCap;

/**
 * The ids of the grid caps not yet ended at the last cycle, in force or announced: a cap that comes, or ends, calls for
 * a new plan. Ended caps are left out because the list handed over keeps them a while (the live gateway's CapBook
 * drops a cap only when a command arrives): counted by id as received, a cap's end went unseen, and the plan made while
 * it was known kept the rest of the slot its {@code to} falls in under it until the next quarter-hour re-plan
 * ({@code OrderlyPolicyCapsTest}). By id, not by value: the load-control contact's cap is renewed every cycle under
 * the same id, and comes back under it each time the contact closes.
 *
 * <p>Called every control cycle, it allocates nothing while the caps are unchanged.
 */
final class CapsSeen {
    private String[] ids = new String[0];

    /** Notes the caps not ended at {@code now}; true when they are not those noted at the last call. */
    boolean changed(List<GridCap> caps, Instant now) {
        int live = 0;
        boolean sameOrder = true;
        for (int i = 0; i < caps.size(); i++) {
            GridCap cap = caps.get(i);
            if (cap.to().isAfter(now)) {
                sameOrder &= live < ids.length && ids[live].equals(cap.id());
                live++;
            }
        }
        if (sameOrder && live == ids.length) {
            return false;
        }
        String[] current = liveIds(caps, now, live);
        boolean changed = !sameSet(current, ids);
        ids = current;
        return changed;
    }

    private static String[] liveIds(List<GridCap> caps, Instant now, int live) {
        String[] out = new String[live];
        int k = 0;
        for (int i = 0; i < caps.size(); i++) {
            GridCap cap = caps.get(i);
            if (cap.to().isAfter(now)) {
                out[k++] = cap.id();
            }
        }
        return out;
    }

    /** The same ids, whatever their order and repeats. */
    private static boolean sameSet(String[] a, String[] b) {
        return containsAll(a, b) && containsAll(b, a);
    }

    private static boolean containsAll(String[] all, String[] some) {
        for (String id : some) {
            boolean found = false;
            for (int i = 0; i < all.length && !found; i++) {
                found = all[i].equals(id);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
