package org.orderly.gateway.field;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.field.modbus.PollListener;

/**
 * The meters whose polls fail too often now ({@link MeterFailureLog}'s rate rule, or silent: failed polls in a row), as
 * every poller told it, for the page to read: its last window's share each, every poll failed included, until a whole
 * window is under it again or has no poll of it; a silent one's polls at its third failed one, then each window's,
 * until it answers. The pollers' threads write, the page's reads; neither waits on the other.
 */
public final class UnreliableMeters implements PollListener {
    private final Map<String, FailureShare> failingOften = new ConcurrentHashMap<>();

    @Override
    public void onFailingOften(FailureShare share) {
        failingOften.put(share.meterId(), share);
    }

    @Override
    public void onFailingSeldomAgain(String meterId) {
        failingOften.remove(meterId);
    }

    /** Each meter failing too often, with its last window's share; empty when none is. */
    public List<FailureShare> now() {
        return List.copyOf(failingOften.values());
    }
}
