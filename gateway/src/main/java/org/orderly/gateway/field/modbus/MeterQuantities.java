package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The quantity names of a meter's map that Orderly gives a meaning (docs/register-maps.md): the gateway looks its
 * readings up by these, and check-config holds a map's names to them, so a name mistyped in a map is said rather than
 * read and never used. A map may name others, for the installer's own {@code orderly modbus read}.
 */
public final class MeterQuantities {
    /** The total active power: the transformer meter's every cycle. */
    public static final String TOTAL_POWER = "power.total.kw";
    /** Each line's active power, A, B, C. */
    public static final List<String> PHASE_POWERS = List.of("power.a.kw", "power.b.kw", "power.c.kw");
    /** Each line's current, A, B, C. */
    public static final List<String> PHASE_CURRENTS = List.of("current.a.a", "current.b.a", "current.c.a");
    /** Each phase's voltage, A, B, C. */
    public static final List<String> PHASE_VOLTAGES = List.of("voltage.a.v", "voltage.b.v", "voltage.c.v");
    /** The names only a single-phase meter's map gives: its voltage and its current. */
    public static final List<String> SINGLE_PHASE = List.of("voltage.v", "current.a");
    public static final String FREQUENCY = "frequency.hz";
    /**
     * What an idle meter may read either side of zero, in kW: a power below minus this flows back, which in a compound
     * that only draws is a meter (or a CT) wired the wrong way round. Selftest fails such a reading; the gateway takes
     * no pile's draw from it.
     */
    public static final double IDLE_NOISE_KW = 0.1;
    /** The energy registers, in total and (as DL/T 645 reads them) each phase's import. */
    public static final List<String> ENERGY = List.of("energy.import.kwh", "energy.export.kwh",
            "energy.import.a.kwh", "energy.import.b.kwh", "energy.import.c.kwh");

    /** Every known name. */
    public static final List<String> KNOWN = Stream.of(List.of(TOTAL_POWER), PHASE_POWERS, PHASE_CURRENTS, PHASE_VOLTAGES,
            SINGLE_PHASE, List.of(FREQUENCY), ENERGY).flatMap(List::stream).toList();

    /** {@link #KNOWN} in few words, for a message: each list of a line's names as one. */
    public static final String BRIEF = Stream.of(TOTAL_POWER, "power.{a,b,c}.kw", "current.{a,b,c}.a",
            "voltage.{a,b,c}.v", String.join(", ", SINGLE_PHASE), FREQUENCY,
            "energy.{import,export}.kwh", "energy.import.{a,b,c}.kwh").collect(Collectors.joining(", "));

    private MeterQuantities() {
    }

    public static boolean isKnown(String quantity) {
        return KNOWN.contains(quantity);
    }
}
