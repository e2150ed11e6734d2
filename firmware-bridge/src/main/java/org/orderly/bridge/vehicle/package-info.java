/**
 * The vehicle at the end of the cable, as the pile sees it: its IEC 61851 state and the power it
 * draws. {@link org.orderly.bridge.vehicle.SimulatedVehicle} stands in for a real car in demos and
 * tests: plug-in states, an on-board charger limit, a taper near full, stepped by the clock. A real car is read on the
 * control pilot by {@code org.orderly.bridge.sense}. A reading may carry a
 * {@link org.orderly.bridge.vehicle.MeteredSession}: the session as a pile meter counted it, which the pile then
 * reports instead of integrating the power.
 */
package org.orderly.bridge.vehicle;
