package org.orderly.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lines of a Mosquitto {@code acl_file} for a gateway whose broker denies it some of its topics. */
final class BrokerAcl {
    /** The topics a gateway publishes on. */
    private static final List<String> PUBLISHED = List.of("state", "telemetry", "plan", "events", "sessions", "replies");

    private BrokerAcl() {
    }

    /** Everything readable; writable gateway {@code gw}'s topics but {@code denied} (their last levels). */
    static List<String> allBut(String gw, String... denied) {
        List<String> acl = new ArrayList<>(List.of("topic read #"));
        for (String topic : PUBLISHED) {
            if (!Set.of(denied).contains(topic)) {
                acl.add("topic write orderly/v1/" + gw + "/" + topic);
            }
        }
        return acl;
    }
}
