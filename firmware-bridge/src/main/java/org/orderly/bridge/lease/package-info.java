/**
 * Leases on the charging current: the gateway grants a current with a time to live and keeps
 * refreshing it; when it stops (crash, SIGKILL, network loss), the {@link
 * org.orderly.bridge.lease.LeaseWatchdog} falls back to the pile's configured safe current on its
 * own within one tick of the expiry. A lease lapses when its time to live has passed ({@link
 * org.orderly.bridge.lease.ElapsedTime}), whatever the wall clock is set to meanwhile; the expiry the pile reports is
 * wall-clock time, from an injected {@link java.time.Clock}.
 */
package org.orderly.bridge.lease;
