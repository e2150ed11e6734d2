package org.orderly.gateway.upstream.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop's last step: the MQTT client closed, or, where even ending its connection did not let Paho close it
 * ({@link PahoClose}), one WARN saying that its threads and socket stay for the life of the process, which one who
 * watches them must hear of (until 2026-12-07 said at DEBUG only). Apart from the stop so that a test can give it a
 * client Paho refuses to close: Paho 1.2.5 takes the close of a client whose connection was ended but for a connect
 * started meanwhile, which no test can time ({@code UnclosedAtStopTest}).
 */
final class UnclosedAtStop {
    /** The link's own logger: the line is the link's stop, and is read as such. */
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    private UnclosedAtStop() {
    }

    /** Runs {@code close}; when it fails, says so once at WARN, with Paho's first refusal that it carries. */
    static void close(PahoInterrupt.PahoWait<BrokerException> close) {
        try {
            close.run();
        } catch (BrokerException e) {
            LOG.warn("upstream: the MQTT client is left unclosed at the stop, its threads and socket kept until the"
                    + " process ends: {}{}", e.getMessage(), suppressedWhy(e));
        }
    }

    /** Paho's first refusal that {@code e} carries ({@link PahoClose}), as "; first: ...", so the warning says both. */
    private static String suppressedWhy(Exception e) {
        StringBuilder why = new StringBuilder();
        for (Throwable s : e.getSuppressed()) {
            why.append("; first: ").append(s.getMessage());
        }
        return why.toString();
    }
}
