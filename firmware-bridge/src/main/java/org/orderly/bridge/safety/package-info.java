/**
 * The pile's protections on board inputs: a residual current monitor's fault output ({@link
 * org.orderly.bridge.safety.ResidualCurrentMonitor}) and the contactor's feedback ({@link
 * org.orderly.bridge.safety.ContactorFeedback}); each trips a {@link org.orderly.bridge.pile.PileFault} on the pile.
 */
package org.orderly.bridge.safety;
