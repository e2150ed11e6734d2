package org.orderly.gateway.app;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;

/**
 * The stored event of a resident's declaration handed to the control loop ({@link ControlLoop#declare}), so the page's
 * event list says it whoever made it: a reservation on the page ({@link EventKind#WEB_RESERVATION}, by its user) or a
 * demo's resident ({@link EventKind#DEMO_DECLARATION}). Stored only, as every change made on the page is: not sent
 * upstream (docs/web.md, "Events").
 */
public final class DeclarationEvent {
    private DeclarationEvent() {
    }

    /** Stores {@code declared} for {@code pile}'s session as an event of {@code kind}, made by {@code by}. */
    public static boolean store(Store store, EventKind kind, String pile, Declaration declared, String by) {
        return store.event(kind, pile, message(declared, by), args(declared, by));
    }

    /** As {@link #store}, with what became of the event ({@link Store#eventOutcome}): the page's answer says it. */
    public static CompletableFuture<Void> storeTold(Store store, EventKind kind, String pile, Declaration declared,
                                                    String by) {
        return store.eventOutcome(kind, pile, message(declared, by), args(declared, by));
    }

    private static String message(Declaration declared, String by) {
        Instant departure = declared.departure();
        double energy = declared.energyKWh();
        return "departure " + (departure == null ? "-" : departure)
                + ", energy " + (Double.isNaN(energy) ? "-" : energy + " kWh") + " by " + by;
    }

    private static Object[] args(Declaration declared, String by) {
        Instant departure = declared.departure();
        double energy = declared.energyKWh();
        return new Object[] {EventKind.FORM, departure == null ? "energy" : Double.isNaN(energy) ? "departure" : "both",
                "departure", departure, "energyKwh", Double.isNaN(energy) ? null : energy, "by", by};
    }
}
