package org.orderly.bridge.coap;

import java.util.List;

/**
 * Which keys {@code PUT /limit} takes beyond {@code amps} and {@code ttlSeconds}, said on {@code /info} as
 * {@code limitOptionalKeys} so that a gateway can tell a bridge that takes a key from an older one, which refuses an
 * unknown key with 4.00.
 */
public enum LimitKeys {
    /** This bridge: a limit may name its pile ({@code pileId}), and one naming another is refused. */
    WITH_PILE_ID(List.of("pileId")),
    /**
     * As a bridge before 2026-12-06: no {@code pileId}, and none announced. Only for tests of a gateway driving such a
     * bridge; no option of the bridge's command line chooses it.
     */
    BEFORE_PILE_ID(List.of());

    private final List<String> optional;

    LimitKeys(List<String> optional) {
        this.optional = optional;
    }

    /** The optional keys taken, as {@code /info} says them. */
    public List<String> optional() {
        return optional;
    }

    boolean takesPileId() {
        return optional.contains("pileId");
    }
}
