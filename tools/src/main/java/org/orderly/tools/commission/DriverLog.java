package org.orderly.tools.commission;

import java.util.List;

/**
 * The pile drivers' log, quieted for an installer's command: a driver logs each new failure at WARN, naming the pile
 * and quoting the CoAP or DTLS stack ({@code Handshake flight 5 failed! ... Wrong PSK identity or secret?}), which is
 * what the gateway service's log needs. A command says the same in its advice and detail lines, so the WARN line would
 * say it twice, stamped and named by logger. Errors still show. slf4j-simple takes a logger's level from a system
 * property before its {@code simplelogger.properties}, once, when the logger is made: this is called before any driver
 * starts, and the service ({@code orderly run}), which never calls it, keeps its WARN lines. A level given with
 * {@code -D} (in {@code ORDERLY_JAVA_OPTS}) is kept, so the lines can be had back.
 */
final class DriverLog {
    /** The pile drivers' failure reports, and the CoAP and DTLS stacks (Californium, Scandium) under them. */
    static final List<String> QUIETED = List.of("org.orderly.gateway.field.pile.FailureReporter", "org.eclipse.californium");

    private DriverLog() {
    }

    static void quiet() {
        for (String logger : QUIETED) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}
