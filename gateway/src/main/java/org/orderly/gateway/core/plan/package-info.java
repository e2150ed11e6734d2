/**
 * The Planner: every few minutes, and on every arrival, departure or grid cap, it decides for each
 * plugged session how much energy to deliver in each 15-minute slot of the coming hours, jointly
 * for all piles of the transformer. Its output, a {@link org.orderly.gateway.core.plan.Plan}, is
 * immutable and handed to the Limiter, which turns it into amperes every control cycle.
 */
package org.orderly.gateway.core.plan;
