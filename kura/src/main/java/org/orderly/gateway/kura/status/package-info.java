/**
 * The one package the bundle exports (version 1.0): {@link org.orderly.gateway.kura.status.GatewayStatus}, the
 * gateway component's service for other bundles. A change that breaks a caller raises the major version.
 */
package org.orderly.gateway.kura.status;
