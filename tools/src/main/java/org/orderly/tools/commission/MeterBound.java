package org.orderly.tools.commission;

import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.app.ImpossibleDraw;
import org.orderly.gateway.app.live.ImpossibleReading;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.pile.PileRating;

/**
 * The most a meter's values may read at selftest: the bounds the running gateway holds them to
 * ({@link org.orderly.gateway.field.ReadingBounds}), so that a meter selftest passes is one whose readings the gateway
 * takes, and one whose readings the gateway would take as none fails here, with the line the gateway would say.
 */
sealed interface MeterBound {
    /** The first value beyond the bound, as a sentence naming it, the bound and what to check; empty when none is. */
    Optional<String> beyond(Map<String, Double> values);

    /** A transformer meter's: its total, phases' powers and currents by what the transformer may carry. */
    record OfTransformer(Transformer transformer) implements MeterBound {
        @Override
        public Optional<String> beyond(Map<String, Double> values) {
            return ImpossibleReading.among(values, transformer).map(ImpossibleReading::describe);
        }
    }

    /** A pile meter's: its total by what its pile can draw; the rest of its quantities the gateway takes nothing from. */
    record OfPile(String pileId, String meterId, PileRating rating) implements MeterBound {
        @Override
        public Optional<String> beyond(Map<String, Double> values) {
            Double kw = values.get(MeterQuantities.TOTAL_POWER);
            return Optional.ofNullable(kw == null ? null : ImpossibleDraw.judged(pileId, meterId, kw, rating))
                    .map(d -> d.read() + "; " + ImpossibleDraw.CHECK);
        }
    }
}
