package org.orderly.bridge.meter;

import java.util.Locale;

/**
 * The pile meters the bridge reads, with their registers built in: input registers (function 04), each value an
 * IEEE-754 float32 in two registers, high word first. Addresses from Eastron's input register tables, as in the
 * gateway's {@code config/devices/eastron-sdm120.yaml} and {@code eastron-sdm630.yaml} (register 3xxxx N is address
 * N - 30001); power is in W, import energy in kWh.
 */
public enum MeterModel {
    /** Single phase: 30013 active power, 30073 import active energy. Eastron's factory setting is 2400 8N1. */
    SDM120("Eastron SDM120", 1, 0x000C, 2400),
    /** Three phase: 30053 total system power, 30073 total import active energy. Factory setting 9600 8N1. */
    SDM630("Eastron SDM630", 3, 0x0034, 9600);

    /** 30007, phase 1 current (A), on both; the SDM630's phases 2 and 3 follow (30009, 30011). */
    public static final int PHASE_CURRENT_ADDRESS = 0x0006;

    /** 30073, total import active energy (kWh), on both. */
    public static final int IMPORT_ENERGY_ADDRESS = 0x0048;

    private final String label;
    private final int phases;
    private final int powerAddress;
    private final int defaultBaud;

    MeterModel(String label, int phases, int powerAddress, int defaultBaud) {
        this.label = label;
        this.phases = phases;
        this.powerAddress = powerAddress;
        this.defaultBaud = defaultBaud;
    }

    /** {@code sdm120} or {@code sdm630}, as {@code --meter-model} takes it (any case). */
    public static MeterModel parse(String option) {
        for (MeterModel model : values()) {
            if (model.option().equalsIgnoreCase(option)) {
                return model;
            }
        }
        throw new IllegalArgumentException(option + ": expected sdm120 or sdm630");
    }

    /** The name {@code --meter-model} takes. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The make and model, for the log. */
    public String label() {
        return label;
    }

    /** How many phases it measures: a single-phase meter cannot meter a three-phase pile. */
    public int phases() {
        return phases;
    }

    /** Address of the total active power register (W). */
    public int powerAddress() {
        return powerAddress;
    }

    /** The baud rate the meter leaves the factory with. */
    public int defaultBaud() {
        return defaultBaud;
    }
}
