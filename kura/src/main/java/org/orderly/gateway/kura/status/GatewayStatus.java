package org.orderly.gateway.kura.status;

/**
 * What the running gateway component tells other bundles (a Kura Wires component, a cloud publisher, a watchdog) and
 * tests: whether it runs, how many control cycles it has completed, in which mode, and the last configuration it
 * refused. A service of the bundle {@code org.orderly.gateway.kura}, which exports this package (version 1.0) and
 * nothing else; plain types only, so a caller needs none of the gateway's classes.
 */
public interface GatewayStatus {
    /** True while a gateway is started. */
    boolean running();

    /** Control cycles completed by the current gateway; 0 when none runs. */
    long cycles();

    /** The last cycle's mode ({@code NORMAL} or {@code CONSERVATIVE}); empty before the first or when stopped. */
    String mode();

    /**
     * The last configuration refused, each setting or line of the file named with its value, and what the gateway does
     * instead ({@code ...; the gateway runs on from FILE}, {@code runs again from FILE}, {@code runs from the last good
     * configuration, configFile FILE (taken TIME)} or {@code is not running}); empty once a configuration is taken, or
     * the gateway disabled.
     */
    String problem();
}
