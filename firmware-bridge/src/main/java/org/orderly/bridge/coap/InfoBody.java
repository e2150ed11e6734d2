package org.orderly.bridge.coap;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.orderly.bridge.pile.PileConfig;

/**
 * The wire form of {@code /info}. {@code limitOptionalKeys}: the optional keys {@code PUT /limit} takes
 * ({@link LimitKeys}); absent, not empty, for a bridge that takes none, as a bridge before 2026-12-06 said nothing.
 */
public record InfoBody(String pileId, String firmwareVersion, double minAmps, double maxAmps,
                       int phases, double safeAmps,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> limitOptionalKeys) {

    public static InfoBody of(PileConfig config, LimitKeys keys) {
        return new InfoBody(config.pileId(), config.firmwareVersion(), config.minAmps(),
                config.maxAmps(), config.phases(), config.safeAmps(), keys.optional());
    }
}
