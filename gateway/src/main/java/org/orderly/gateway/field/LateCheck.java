package org.orderly.gateway.field;

import java.util.Optional;

/**
 * What a poller's WARN of a meter whose polls time out adds, asked only when that WARN is said (once a silence, not
 * every poll): whether the meter answers after all, given longer, and what setting to raise. A meter slower than the
 * bus's timeout looks absent, and "TIMEOUT" alone sends the installer to the unit id and the wiring. Of a Modbus TCP
 * connection that ended early, how much of a reply came before it did: a reply cut short is no lost connection.
 */
@FunctionalInterface
public interface LateCheck {
    /** Asks nothing: a poller whose link cannot ask again (a scripted one), or a failure no slowness explains. */
    LateCheck NONE = () -> Optional.empty();

    /**
     * @return what the WARN adds, e.g. {@code it answers, but only after 805 ms, ...}; empty when nothing, or when a
     *         stop came while it asked (the thread's interrupt kept, for the poller's next wait to end the poll as a
     *         stop)
     */
    Optional<String> ask();
}
