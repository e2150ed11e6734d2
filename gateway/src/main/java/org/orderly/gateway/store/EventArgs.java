package org.orderly.gateway.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An event's arguments from name, value pairs, held to what its kind declares. */
public final class EventArgs {
    private static final Logger LOG = LoggerFactory.getLogger(EventArgs.class);

    private EventArgs() {
    }

    /**
     * The pairs as a map of text, in their order, without those whose value is null; numbers as Java writes them.
     * Pairs its kind does not take (an odd count, a name {@code kind} does not declare, a form it has not, no form
     * where it has several) are a mistake in the code that made the event: with assertions on (every test) it fails
     * there; live it is one ERROR and the event has no arguments, so it is stored, sent and shown by its English text.
     * Making an event never stops what made it (a control cycle, a page's request, the outbox's writer).
     */
    public static Map<String, String> of(EventKind kind, Object... pairs) {
        Optional<String> mistake = mistake(kind, pairs);
        if (mistake.isPresent()) {
            assert false : mistake.get();
            LOG.error("event {}: {}; stored without its arguments, shown as its text", kind.code(), mistake.get());
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(String.valueOf(pairs[i]), String.valueOf(pairs[i + 1]));
            }
        }
        return out;
    }

    /** What is wrong with the pairs for {@code kind}, if anything. */
    static Optional<String> mistake(EventKind kind, Object... pairs) {
        if (pairs.length % 2 != 0) {
            return Optional.of(kind.code() + ": arguments come in name, value pairs, got " + pairs.length + " items");
        }
        boolean formGiven = false;
        for (int i = 0; i < pairs.length; i += 2) {
            String name = String.valueOf(pairs[i]);
            Object value = pairs[i + 1];
            boolean form = name.equals(EventKind.FORM);
            if (form ? !kind.forms().contains(String.valueOf(value)) || kind.forms().size() == 1
                    : !kind.args().contains(name)) {
                return Optional.of(kind.code() + ": no argument " + name + (form ? " " + value : "") + "; it has "
                        + kind.args() + " and the forms " + kind.forms());
            }
            formGiven |= form;
        }
        if (kind.forms().size() > 1 && !formGiven) {
            return Optional.of(kind.code() + ": give its form, one of " + kind.forms());
        }
        return Optional.empty();
    }
}
