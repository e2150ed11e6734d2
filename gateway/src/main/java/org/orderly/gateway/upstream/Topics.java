package org.orderly.gateway.upstream;

import java.util.List;
import java.util.Objects;

/**
 * The topics of one gateway under {@code orderly/v1/{gatewayId}/}: what it publishes ({@code state}, {@code telemetry},
 * {@code plan}, {@code events}, {@code sessions}), the commands it accepts ({@code cmd/cap}, {@code cmd/history}) and
 * where it answers a command that named no response topic ({@code replies}).
 */
public record Topics(String gatewayId) {
    public static final String GATEWAY_ID = "[A-Za-z0-9._-]{1,64}";

    public Topics {
        Objects.requireNonNull(gatewayId, "gatewayId");
        if (!gatewayId.matches(GATEWAY_ID)) {
            throw new IllegalArgumentException("gatewayId '" + gatewayId + "' must match " + GATEWAY_ID);
        }
    }

    public String root() {
        return "orderly/v1/" + gatewayId + "/";
    }

    public String of(String suffix) {
        return root() + suffix;
    }

    public String capCommand() {
        return of("cmd/cap");
    }

    public String historyCommand() {
        return of("cmd/history");
    }

    /** The command topics the gateway subscribes to, as selftest checks them too. */
    public List<String> commands() {
        return List.of(capCommand(), historyCommand());
    }

    public String replies() {
        return of("replies");
    }
}
