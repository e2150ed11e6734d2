/**
 * The Limiter: every control cycle it turns what each session should draw into amperes per pile
 * that fit the live room of every node (transformer or grid cap, lines, circuits) this very cycle.
 */
package org.orderly.gateway.core.limit;
