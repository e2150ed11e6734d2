package org.orderly.gateway.upstream.message;

/**
 * What the compound is doing now (kW and A; {@code null} when unknown, e.g. the transformer reading is stale).
 * {@code flex} is what the grid company may ask of it at once: the EV kW that could be shed and the EV kW that could
 * be added within every limit.
 */
public record TelemetryBody(Double transformerKw, Double baseKw, double evKw, double limitKw, Double headroomKw,
                            PhaseCurrents phaseCurrentsA, Flex flex, String mode, PileCounts piles) implements Body {

    public record PhaseCurrents(double A, double B, double C) {
    }

    public record Flex(double shedKw, Double addKw) {
    }

    /**
     * Piles configured; with a vehicle plugged in and charging, as far as the gateway hears them; and offline (not
     * heard from: neither plugged nor charging as far as it knows).
     */
    public record PileCounts(int total, int plugged, int charging, int offline) {
    }

    @Override
    public MessageKind messageKind() {
        return MessageKind.TELEMETRY;
    }
}
