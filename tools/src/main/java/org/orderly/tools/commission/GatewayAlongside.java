package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Optional;
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
                + "and at least every " + pile.renewedEverySaid() + " (the renewal of its " + pile.leaseSeconds() + " s lease), "
                + "which replaces this one; stop it while commissioning (systemctl stop orderly)";
        try {
            return StoreLock.holder(store).map(holder -> name + ": a gateway runs on --config " + pile.file() + " (" + holder
                    + ", holding its store " + store + ")" + replaces);
        } catch (IOException e) {
            // Not known is said, not taken for no gateway: a user outside the service's group cannot read its lock.
            String why = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            return Optional.of(name + ": whether a gateway runs on --config " + pile.file() + " is not known (its store's lock "
                    + StoreLock.fileOf(store) + " cannot be read: " + why + "); one that runs" + replaces);
        }
    }
}
