/**
 * The gateway as OSGi Declarative Services components, for Eclipse Kura and any OSGi framework with SCR and
 * ConfigAdmin. {@link org.orderly.gateway.kura.OrderlyGatewayComponent} starts, restarts and stops the
 * {@link org.orderly.gateway.app.Gateway} as its configuration (metatype {@link org.orderly.gateway.kura.GatewaySettings})
 * comes, changes and goes, and rejects one it cannot take with the running gateway left as it was;
 * {@link org.orderly.gateway.kura.KuraConfigurableComponent} only makes that configuration visible in Kura's UI, and
 * only where Kura runs. Nothing here decides anything about charging.
 */
package org.orderly.gateway.kura;
