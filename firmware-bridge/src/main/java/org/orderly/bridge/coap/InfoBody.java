package org.orderly.bridge.coap;

import org.orderly.bridge.pile.PileConfig;

/** The wire form of {@code /info}. */
public record InfoBody(String pileId, String firmwareVersion, double minAmps, double maxAmps,
                       int phases, double safeAmps) {

    public static InfoBody of(PileConfig config) {
        return new InfoBody(config.pileId(), config.firmwareVersion(), config.minAmps(),
                config.maxAmps(), config.phases(), config.safeAmps());
    }
}
