package org.orderly.bridge.coap;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.PilotMapping;
import org.orderly.text.AsWritten;
import org.orderly.text.SaidBack;

/**
 * A PUT {@code /limit} body: {@code {"amps": 16.0, "ttlSeconds": 30, "pileId": "P1"}}. Valid when amps is 0 or
 * within the pile's [min, max] and ttl is 1..3600 s, both as sent (not as the double nearest), the optional pileId
 * is a string, and there are no other keys (a key given twice is refused by {@link PayloadCodec}). A pileId that is
 * not this pile's, compared exactly (as the gateway compares {@code /info}'s), is refused with 4.03 before anything
 * else is judged: the limit was meant for another pile, whose gateway reached this bridge at that pile's address, and
 * its current would be drawn on this pile's lines ({@link LimitForAnotherPile}).
 */
public record LimitRequest(double amps, int ttlSeconds) {

    public static final int MIN_TTL_SECONDS = 1;
    public static final int MAX_TTL_SECONDS = 3600;
    private static final Set<String> KEYS = Set.of("amps", "ttlSeconds");
    private static final String PILE_ID = "pileId";

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    /**
     * Reads and validates a request for {@code pile}; failures carry 4.00 and the reason, or 4.03 for a limit naming
     * another pile.
     */
    public static LimitRequest from(JsonNode body, PileConfig pile, LimitKeys keys) throws PayloadException {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name) && !(keys.takesPileId() && name.equals(PILE_ID))) {
                throw bad("unknown key \"" + SaidBack.of(name) + "\"; expected amps, ttlSeconds"
                        + (keys.takesPileId() ? ", pileId" : ""));
            }
        }
        JsonNode named = body.get(PILE_ID);
        if (named != null && !named.isTextual()) {
            throw bad("pileId must be a string, was " + shown(named));
        }
        if (named != null && !named.textValue().equals(pile.pileId())) {
            throw new LimitForAnotherPile(named.textValue(), pile.pileId());
        }
        JsonNode amps = body.get("amps");
        JsonNode ttl = body.get("ttlSeconds");
        if (amps == null) {
            throw bad("amps is missing; expected 0 or within " + range(pile));
        }
        if (!amps.isNumber()) {
            throw bad("amps must be a number, was " + shown(amps));
        }
        if (ttl == null) {
            throw bad("ttlSeconds is missing; expected whole seconds " + MIN_TTL_SECONDS + ".." + MAX_TTL_SECONDS);
        }
        // Too large for a double (1e999): out of range, said as sent, not "not a whole number, was Infinity".
        if (ttl.isNumber() && Double.isInfinite(ttl.doubleValue())) {
            throw bad("ttlSeconds " + shown(ttl) + " must be within " + MIN_TTL_SECONDS + ".." + MAX_TTL_SECONDS);
        }
        if (!ttl.isNumber() || !ttl.canConvertToExactIntegral()) {
            throw bad("ttlSeconds must be a whole number, was " + shown(ttl));
        }
        // Judged as sent (the codec reads decimals exactly): 5.9999999999999999999 is below 6 A, though a double is 6.0.
        if (Double.isInfinite(amps.doubleValue())) {
            throw bad("amps " + shown(amps) + " must be 0 or within " + range(pile));
        }
        BigDecimal exact = amps.decimalValue();
        if (!pile.accepts(exact)) {
            throw bad("amps " + said(exact) + " must be 0 or within " + range(pile));
        }
        // Compared whole, not as an int: 1e12 is a whole number, only out of range.
        BigDecimal seconds = ttl.decimalValue();
        if (seconds.compareTo(BigDecimal.valueOf(MIN_TTL_SECONDS)) < 0
                || seconds.compareTo(BigDecimal.valueOf(MAX_TTL_SECONDS)) > 0) {
            throw bad("ttlSeconds " + said(seconds) + " must be within " + MIN_TTL_SECONDS + ".." + MAX_TTL_SECONDS);
        }
        int t = seconds.intValueExact();
        return new LimitRequest(offered(exact, pile), t);
    }

    /**
     * The current to offer for a limit the pile accepts: rounded down to the microampere, the step the pilot's offer is
     * set and said in ({@link PilotMapping#AMPS_DECIMALS}), so a limit finer than that is never offered above; and not
     * below the pile's least current, which a limit just above it would otherwise round under.
     */
    private static double offered(BigDecimal exact, PileConfig pile) {
        if (exact.signum() == 0) {
            return 0.0;
        }
        return Math.max(exact.setScale(PilotMapping.AMPS_DECIMALS, RoundingMode.FLOOR).doubleValue(), pile.minAmps());
    }

    /**
     * A number exactly, as a person writes it ({@code 16}, {@code 5.9999999999999999999}); one longer than a refusal
     * says back in E notation ({@code 1E+300}), cut short if still too long.
     */
    private static String said(BigDecimal exact) {
        BigDecimal stripped = exact.stripTrailingZeros();
        String plain = stripped.toPlainString();
        return SaidBack.of(plain.length() <= SaidBack.MAX ? plain : stripped.toString());
    }

    private static String range(PileConfig pile) {
        return "[" + AsWritten.number(pile.minAmps()) + ", " + AsWritten.number(pile.maxAmps()) + "] for pile " + pile.pileId();
    }

    /** A value as the client sent it (CBOR's as JSON), cut short. */
    private static String shown(JsonNode value) {
        return SaidBack.of(value.toString());
    }

    private static PayloadException bad(String reason) {
        return new PayloadException(ResponseCode.BAD_REQUEST, reason);
    }
}
