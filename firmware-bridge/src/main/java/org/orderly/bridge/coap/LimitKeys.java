package org.orderly.bridge.coap;

import java.util.List;

/**
 * Which keys {@code PUT /limit} takes beyond {@code amps} and {@code ttlSeconds}, said on {@code /info} as
 * {@code limitOptionalKeys} so that a gateway can tell a bridge that takes a key from an older one, which refuses an
 * unknown key with 4.00.
 */
public enum LimitKeys {
    /**
     * This bridge: a limit may name its pile ({@code pileId}), and one naming another is refused, its refusal saying
     * this bridge's pile id in JSON or CBOR to a client that asks for either ({@link LimitForAnotherPile#body()}).
     */
    WITH_PILE_ID(List.of("pileId"), false),
    /**
     * As a bridge of the first build that took {@code pileId} (2026-12-06): its refusal of a limit for another pile is
     * the prose reason only, whatever the client asks for. Only for tests of a gateway driving such a bridge.
     */
    WITH_PILE_ID_REFUSED_IN_PROSE(List.of("pileId"), true),
    /**
     * As a bridge before 2026-12-06: no {@code pileId}, and none announced. Only for tests of a gateway driving such a
     * bridge; no option of the bridge's command line chooses it.
     */
    BEFORE_PILE_ID(List.of(), true);

    private final List<String> optional;
    private final boolean refusesInProseOnly;

    LimitKeys(List<String> optional, boolean refusesInProseOnly) {
        this.optional = optional;
        this.refusesInProseOnly = refusesInProseOnly;
    }

    /** Whether a limit for another pile is refused with the prose reason only, whatever the client's Accept. */
    boolean refusesInProseOnly() {
        return refusesInProseOnly;
    }

    /** The optional keys taken, as {@code /info} says them. */
    public List<String> optional() {
        return optional;
    }

    boolean takesPileId() {
        return optional.contains("pileId");
    }
}
