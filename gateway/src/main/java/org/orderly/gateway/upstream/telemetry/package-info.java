/** Telemetry: the last control cycle, handed over by the control thread, turned into a message every period. */
package org.orderly.gateway.upstream.telemetry;
