package org.orderly.gateway.upstream.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The retained {@code state}: {@code "online"} on every connect, {@code "offline"} as the last will and at a clean
 * stop. {@code will}, only in {@code online}, is the number of that connection's will, held unpublished while the
 * connection lasts (docs/upstream.md, "state"); left out of {@code offline}.
 */
public record StateBody(String state, @JsonInclude(JsonInclude.Include.NON_NULL) Long will) implements Body {
    public static final StateBody ONLINE = new StateBody("online", null);
    public static final StateBody OFFLINE = new StateBody("offline", null);

    /** The {@code online} of a connection whose will is message {@code will}. */
    public static StateBody online(long will) {
        return new StateBody(ONLINE.state(), will);
    }

    @Override
    public MessageKind messageKind() {
        return MessageKind.STATE;
    }
}
