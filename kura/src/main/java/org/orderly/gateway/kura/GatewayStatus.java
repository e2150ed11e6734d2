package org.orderly.gateway.kura;

/**
 * What the running gateway component tells other bundles (and tests): whether it runs, how many control cycles it
 * has completed, in which mode, and why it does not run. Plain types only, so a caller needs none of the gateway's
 * classes.
 */
public interface GatewayStatus {
    /** True while a gateway is started. */
    boolean running();

    /** Control cycles completed by the current gateway; 0 when none runs. */
    long cycles();

    /** The last cycle's mode ({@code NORMAL} or {@code CONSERVATIVE}); empty before the first or when stopped. */
    String mode();

    /** Why the gateway is not running (a rejected configuration, a missing file); empty when it runs or is disabled. */
    String problem();
}
