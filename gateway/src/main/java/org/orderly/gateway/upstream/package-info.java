/**
 * The link to the grid company over MQTT v5 (Eclipse Paho), as written down in {@code docs/upstream.md}.
 *
 * <p>{@link org.orderly.gateway.upstream.Upstream} wires it: what the control loop reports is handed to the
 * {@link org.orderly.gateway.upstream.outbox.Outbox} (a queue; the control thread never waits), whose writer thread
 * stores each message in SQLite before the {@link org.orderly.gateway.upstream.link.Publisher} sends it; a message
 * leaves the outbox only on the broker's PUBACK. Commands from the grid company ({@code cmd/cap}, {@code cmd/history})
 * are validated in {@link org.orderly.gateway.upstream.command} before anything changes. Nothing here runs on the
 * control thread.
 */
package org.orderly.gateway.upstream;
