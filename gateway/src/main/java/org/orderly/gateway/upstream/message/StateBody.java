package org.orderly.gateway.upstream.message;

/** The retained {@code state}: {@code "online"} on every connect, {@code "offline"} as the last will and at a clean stop. */
public record StateBody(String state) implements Body {
    public static final StateBody ONLINE = new StateBody("online");
    public static final StateBody OFFLINE = new StateBody("offline");

    @Override
    public MessageKind messageKind() {
        return MessageKind.STATE;
    }
}
