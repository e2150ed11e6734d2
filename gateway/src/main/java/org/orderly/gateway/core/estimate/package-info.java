/**
 * What the scheduler believes about what it cannot see: when a plugged vehicle will leave and how
 * much energy it still wants. Beliefs are weighted samples learned from each pile's past sessions
 * (a resident's habit), a compound-wide prior, and how far residents' declarations have strayed.
 */
package org.orderly.gateway.core.estimate;
