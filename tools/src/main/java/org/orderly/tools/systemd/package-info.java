/**
 * Talking to systemd when {@code orderly run} is a {@code Type=notify} service: {@code READY=1} once the control
 * loop has cycled, {@code WATCHDOG=1} only while it goes on cycling, {@code STOPPING=1} on the way out. Nothing here
 * decides anything about charging; outside systemd ({@code NOTIFY_SOCKET} unset) it stays silent.
 */
package org.orderly.tools.systemd;
