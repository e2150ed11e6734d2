/**
 * The running gateway: {@link org.orderly.gateway.app.Gateway} builds the store, the meter pollers, the pile
 * drivers, the orderly policy (with its planning thread) and the {@link org.orderly.gateway.app.ControlLoop}
 * from a configuration, and stops them in reverse.
 */
package org.orderly.gateway.app;
