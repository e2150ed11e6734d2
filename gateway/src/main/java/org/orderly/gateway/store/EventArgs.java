package org.orderly.gateway.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** An event's arguments from name, value pairs, held to what its kind declares. */
public final class EventArgs {
    private EventArgs() {
    }

    /**
     * The pairs as a map of text, in their order, without those whose value is null; numbers as Java writes them.
     *
     * @throws IllegalArgumentException for an odd count, a name {@code kind} does not declare, or a form it has not
     */
    public static Map<String, String> of(EventKind kind, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException(kind.code() + ": arguments come in name, value pairs, got "
                    + pairs.length + " items");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = String.valueOf(pairs[i]);
            Object value = pairs[i + 1];
            boolean form = name.equals(EventKind.FORM);
            if (form ? !kind.forms().contains(String.valueOf(value)) || kind.forms().size() == 1
                    : !kind.args().contains(name)) {
                throw new IllegalArgumentException(kind.code() + ": no argument " + name + (form ? " " + value : "")
                        + "; it has " + kind.args() + " and the forms " + kind.forms());
            }
            if (value != null) {
                out.put(name, String.valueOf(value));
            }
        }
        if (kind.forms().size() > 1 && !out.containsKey(EventKind.FORM)) {
            throw new IllegalArgumentException(kind.code() + ": give its form, one of " + kind.forms());
        }
        return out;
    }
}
