package org.orderly.bridge.pilot;

/**
 * Where the pilot and relay are wired on the target board.
 *
 * @param pwmAddress   PWM channel (BCM pin for hardware PWM) that drives the pilot's op-amp
 * @param relayAddress BCM pin of the contactor relay driver (high = closed)
 * @param frequencyHz  pilot PWM frequency; IEC 61851-1 says 1 kHz
 */
public record Pi4jPilotPins(int pwmAddress, int relayAddress, int frequencyHz) {

    public static final int IEC_FREQUENCY_HZ = 1000;

    public Pi4jPilotPins {
        if (pwmAddress < 0 || relayAddress < 0) {
            throw new IllegalArgumentException("pin addresses must be >= 0, got pwm=" + pwmAddress
                    + " relay=" + relayAddress);
        }
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("pilot frequency must be > 0 Hz, got " + frequencyHz);
        }
    }

    public static Pi4jPilotPins iec(int pwmAddress, int relayAddress) {
        return new Pi4jPilotPins(pwmAddress, relayAddress, IEC_FREQUENCY_HZ);
    }
}
