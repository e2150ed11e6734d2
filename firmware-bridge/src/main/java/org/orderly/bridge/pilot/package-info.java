/**
 * The IEC 61851-1 control pilot: the mapping between the current a pile offers and the PWM
 * duty cycle the vehicle reads ({@link org.orderly.bridge.pilot.PilotMapping}), the signal
 * values ({@link org.orderly.bridge.pilot.PilotSignal}), and the output that drives the pilot
 * and the contactor relay ({@link org.orderly.bridge.pilot.ControlPilot}), on hardware through
 * Pi4J. No lease or CoAP logic lives here.
 */
package org.orderly.bridge.pilot;
