package org.orderly.gateway.upstream.message;

/**
 * What the compound is doing now (kW and A; {@code null} when unknown, e.g. the transformer reading is stale).
 * {@code evUnmeasuredKw} is the part of {@code evKw} no pile measured: what piles that cannot measure their car's draw
 * were taken to draw (a firmware-bridge whose meter is silent says the most its offer allows; a Modbus pile without a
 * power register, 0), beside {@code piles.unmeasured}, how many such piles have a car plugged in.
 * {@code baseBound} says {@code baseKw} is an upper bound of the households' load, not a measurement: a car's draw not
 * known to be in the reading may be counted in it (the cycle's {@code HouseholdFigure.BOUND}); null with {@code baseKw}.
 * {@code flex} is what the grid company may ask of it at once: the EV kW that could be shed and the EV kW that could
 * be added within every limit.
 */
public record TelemetryBody(Double transformerKw, Double baseKw, Boolean baseBound, double evKw, double evUnmeasuredKw, double limitKw,
                            Double headroomKw, PhaseCurrents phaseCurrentsA, Flex flex, String mode,
                            PileCounts piles)
        implements Body {

    public record PhaseCurrents(double A, double B, double C) {
    }

    /**
     * What the grid company may ask at once: the EV kW that could be shed (of the moment of {@code transformerKw}), the
     * EV kW that could be added, and the least total the gateway could bring the compound to now ({@code leastKw}: the
     * households as their reading gave them and what the piles draw now that no offer sheds; null without households
     * known, said while the cycle keeps those of its last plausible reading),
     * the figure a cap reply's {@code meet.leastKw} is.
     */
    public record Flex(double shedKw, Double addKw, Double leastKw) {
    }

    /**
     * Piles configured; with a vehicle plugged in and charging, as far as the gateway hears them; offline (not
     * heard from: neither plugged nor charging as far as it knows); and with a vehicle plugged in whose draw the pile
     * does not measure (heard from).
     */
    public record PileCounts(int total, int plugged, int charging, int offline, int unmeasured) {
    }

    @Override
    public MessageKind messageKind() {
        return MessageKind.TELEMETRY;
    }
}
