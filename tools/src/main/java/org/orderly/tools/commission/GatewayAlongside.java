package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.store.StoreLock;

/**
 * A gateway running on the configuration {@code pile set} was given, which drives the pile the command sets: it sends
 * its own limit again at its next change and at each renewal of its lease, and that replaces the command's, so the
 * pile is back on the gateway's current seconds after a read-back that passed. Known from the store's lock, as
 * {@code orderly restore} and a second {@code orderly run} know a running gateway ("One gateway per store"). Said, not
 * refused, as a lease the bridge already holds is ({@link PileCommand#anotherLease}). Until 2026-12-06 nothing said
 * it for a Modbus pile, nor for a bridge named without {@code --id}.
 */
final class GatewayAlongside {
    private GatewayAlongside() {
    }

    /** The line to say for pile {@code name} (its name in messages), if the gateway on {@code pile}'s configuration runs. */
    static Optional<String> drives(String name, ConfiguredPile pile) {
        Path store = pile.config().store().path();
        String replaces = " and drives this pile as " + pile.pile().pile().id() + ": it sends its own limit again at each change "
                + "and " + pile.renewal() + ", which replaces this one; stop it while commissioning (systemctl stop orderly)";
        try {
            return StoreLock.holder(store).map(holder -> name + ": a gateway runs on --config " + pile.file() + " (" + holder
                    + ", holding its store " + store + ")" + replaces);
        } catch (IOException e) {
            // Not known is said, not taken for no gateway: a user outside the service's group cannot read its lock, and
            // a lock path that is no file (a socket) cannot be opened. The system's reason alone: the line names the file
            // (until 2026-12-06 it said it twice, the exception's message being "FILE: reason").
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
            return Optional.of(name + ": whether a gateway runs on --config " + pile.file() + " is not known (its store's lock "
                    + StoreLock.fileOf(store) + " cannot be read: " + why + "); one that runs" + replaces);
        }
    }

    /**
     * For a Modbus pile over TCP that no configuration given names (no {@code --config}, or one without this pile): that
     * whether a gateway drives it too is not known, and how to know. The pile does not show it: its map's status
     * registers say its state, current, power and energy, not who wrote its limit; its limit, watchdog and fallback
     * registers are written and never read (a map gives them no read function, and a pile may not answer a read of
     * them); and a gateway's own limit may equal this one or lie below it, so the pile offering the command's limit
     * after a while proves nothing either. On a serial line the gateway's bus holds the port and the command cannot
     * open it. Until 2026-12-06 nothing was said, as if no gateway did.
     */
    static Optional<String> notKnown(PileTarget target, Optional<ConfiguredPile> configured) {
        if (target.modbusHost == null || configured.isPresent()) {
            return Optional.empty();
        }
        LeaseTiming lease = LeaseTiming.defaults();
        return Optional.of(target.id + ": whether a gateway also drives this pile is not known: a Modbus pile shows no lease "
                + "and no writer (its registers say its state and current, not who wrote its limit); a gateway that does "
                + "writes its own limit at each change and at least every " + ConfiguredPile.said(lease.refreshEvery())
                + " (the renewal of its " + lease.ttlSeconds() + " s lease), which replaces this one; give --config, the "
                + "gateway's configuration with this pile, to know from its store's lock, or stop the gateway while "
                + "commissioning (systemctl stop orderly)");
    }
}
