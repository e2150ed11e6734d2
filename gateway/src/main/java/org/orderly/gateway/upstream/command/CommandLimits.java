package org.orderly.gateway.upstream.command;

import java.time.Duration;

/**
 * What a command may ask. A cap may start at most {@code capLeadTime} ahead and last at most {@code capMaxLength};
 * at most {@code maxCaps} caps may be pending or in force; a history request spans at most {@code historyMaxSpan};
 * no command payload is longer than {@code maxPayloadBytes}.
 */
public record CommandLimits(int maxPayloadBytes, Duration capLeadTime, Duration capMaxLength, int maxCaps,
                            Duration historyMaxSpan) {
    public static final CommandLimits DEFAULT = new CommandLimits(4096, Duration.ofDays(7), Duration.ofDays(2), 100,
            Duration.ofHours(24));
}
