package org.orderly.gateway.field.pile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;
import org.orderly.text.SaidBack;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.SentNumber;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TooSmallNumber;
import org.orderly.text.AsWritten;
import org.orderly.text.OneLine;

/**
 * Reads the bridge's JSON {@code /status}:
 * {@code {"state":"C","ampsOffered":16.0,"powerKw":3.52,"sessionEnergyKwh":1.234,"leaseExpiry":"2026-06-01T19:00:30Z",
 * "pluggedSeconds":5400}}; {@code pluggedSeconds}, {@code sessionPluggedSeconds} (since the plug-in of the session
 * {@code sessionEnergyKwh} counts, also once its car has gone), {@code fault} (why a pile holds itself in F) and
 * {@code meterOk} (a metered pile's meter answers) and {@code lastSession} (the last session that ended, kept after the
 * next plug-in) and {@code pluggedAtStart} (the car plugged in is the one the bridge found at its start) are optional,
 * other fields it does not know are left. The bridge is remote input:
 * a value of the wrong kind, or a field given twice, is a malformed status.
 */
final class StatusJson {

    /** The longest {@code fault} taken: the bridge's reasons are a few words (several joined by "; "). */
    static final int MAX_FAULT_CHARS = 120;
    /**
     * The most seconds a bridge can say ({@code pluggedSeconds}, {@code sessionPluggedSeconds}, {@code lastSession}'s):
     * it counts them on its elapsed time in nanoseconds of a {@code long} ({@code PlugIn}), which reaches no further
     * (292 years). Until 2026-12-07 any {@code long} was taken, and the field view's {@code readAt.minus} of one beyond
     * the earliest instant threw in every control cycle while the bridge said it.
     */
    static final long MOST_SECONDS = Long.MAX_VALUE / 1_000_000_000L;
    /** A token Jackson quotes in a refusal is cut at {@value SaidBack#MAX} characters: the pile's error line is no place for the rest. */
    private static final ObjectMapper JSON = StrictJson.mapper(SaidBack.MAX);
    /** What a count of seconds must be, as its refusal says it. */
    private static final String SECONDS_ARE = "must be a whole number of seconds, 0 to " + MOST_SECONDS;

    private StatusJson() {
    }

    static PileState parse(String pileId, byte[] payload, Instant readAt, Tick tick) throws PileIoException {
        return parse(pileId, payload, readAt, tick, Optional.empty());
    }

    /**
     * As above, with the pile's {@code rating} as the configuration gives it: a {@code powerKw} above the most it can
     * draw ({@link PileRating#mostKw}) is malformed too, not a draw to record, chart and price.
     */
    static PileState parse(String pileId, byte[] payload, Instant readAt, Tick tick, Optional<PileRating> rating)
            throws PileIoException {
        PileState state = read(pileId, payload, readAt, tick);
        if (rating.isPresent() && rating.get().exceededBy(state.powerKw())) {
            throw malformed("powerKw " + amount(state.powerKw()) + " is " + rating.get().moreThan(pileId), null);
        }
        return state;
    }

    /**
     * An amount for the pile's error line: written out where that is short ({@code 3.52}), in a power of ten where it
     * would be long ({@code 1.0E300}): until 2026-12-06 a {@code powerKw} of {@code 1e300} was said with its 301 digits.
     */
    private static String amount(double v) {
        return Math.abs(v) < 1e15 ? AsWritten.number(v) : String.valueOf(v);
    }

    private static PileState read(String pileId, byte[] payload, Instant readAt, Tick tick) throws PileIoException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw malformed(TooSmallNumber.of(e).map(TooSmallNumber::said)
                    .or(() -> StrictJson.keyTwice(e).map(StrictJson.KeyTwice::said))
                    .orElse(StrictJson.moreAfterValue(e) ? "has more after its object" : "not JSON: " + JsonRefusal.of(e)), e);
        } catch (IOException e) {
            throw malformed("not JSON: " + OneLine.of(String.valueOf(e.getMessage())), e);
        }
        if (root == null || !root.isObject()) {
            // Said as the JSON read, on one line: the bridge's own line breaks must not start lines of the log.
            throw malformed("expected a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : said(root)), null);
        }
        // A number too large for a double (1e400) is said as the bridge sent it, not as the Infinity it reads as.
        root = SentNumber.keptAsSent((ObjectNode) root, payload, JSON);
        JsonNode stateNode = root.get("state");
        ChargeState state = ChargeState.parse(stateNode == null ? null : stateNode.asText())
                .orElseThrow(() -> malformed("state must be one of A, B, C, E, F, was " + said(stateNode), null));
        JsonNode expiry = root.get("leaseExpiry");
        Optional<Instant> leaseExpiry;
        try {
            leaseExpiry = expiry == null || expiry.isNull() ? Optional.empty() : Optional.of(Instant.parse(expiry.asText()));
        } catch (DateTimeParseException e) {
            throw malformed("leaseExpiry is not ISO-8601: " + said(expiry), e);
        }
        return new PileState(pileId, state, number(root, "ampsOffered"), number(root, "powerKw"),
                number(root, "sessionEnergyKwh"), leaseExpiry, readAt, tick, seconds(root, "pluggedSeconds"), fault(root),
                flag(root, "meterOk"), seconds(root, "sessionPluggedSeconds"), lastSession(root),
                flag(root, "pluggedAtStart").orElse(false));
    }

    /**
     * The bridge's {@code lastSession}: optional (absent before the first unplug since the bridge started, and from
     * bridges before it was added); {@code {"pluggedSeconds":..,"endedSeconds":..,"energyKwh":..}}, and
     * {@code "pluggedAtStart":true} when its car was the one the bridge found plugged in at its start (from bridges of
     * 2026-12-07 on; absent: false).
     */
    private static Optional<LastSessionReport> lastSession(JsonNode root) throws PileIoException {
        if (!root.has("lastSession")) {
            return Optional.empty();
        }
        JsonNode n = root.get("lastSession");
        if (!n.isObject()) {
            throw malformed("lastSession must be an object, was " + said(n), null);
        }
        return Optional.of(new LastSessionReport(required(n, "lastSession.", "pluggedSeconds"),
                required(n, "lastSession.", "endedSeconds"), number(n, "lastSession.", "energyKwh"),
                flag(n, "lastSession.", "pluggedAtStart").orElse(false)));
    }

    private static Duration required(JsonNode n, String prefix, String field) throws PileIoException {
        Optional<Duration> d = seconds(n, prefix, field);
        if (d.isEmpty()) {
            throw malformed(prefix + field + " " + SECONDS_ARE + ", was missing", null);
        }
        return d.get();
    }

    /**
     * The bridge's {@code fault}: optional (absent while no fault holds, and from bridges before it was added); a short
     * line of text, as it is shown on the page and written to the log.
     */
    private static Optional<String> fault(JsonNode root) throws PileIoException {
        if (!root.has("fault")) {
            return Optional.empty();
        }
        JsonNode n = root.get("fault");
        String text = n.isTextual() ? n.textValue() : "";
        if (text.isBlank() || text.length() > MAX_FAULT_CHARS || text.chars().anyMatch(Character::isISOControl)) {
            throw malformed("fault must be a text of 1 to " + MAX_FAULT_CHARS + " characters, was " + said(n), null);
        }
        return Optional.of(text.trim());
    }

    /**
     * The bridge's {@code meterOk} (only a pile with a meter says it) or {@code pluggedAtStart} (only while the car
     * plugged in is the one it found at its start, from bridges of 2026-12-07 on): empty when absent.
     */
    private static Optional<Boolean> flag(JsonNode root, String field) throws PileIoException {
        return flag(root, "", field);
    }

    /** As above, within an object of the status named by {@code prefix} (e.g. {@code "lastSession."}). */
    private static Optional<Boolean> flag(JsonNode root, String prefix, String field) throws PileIoException {
        if (!root.has(field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isBoolean()) {
            throw malformed(prefix + field + " must be true or false, was " + said(n), null);
        }
        return Optional.of(n.booleanValue());
    }

    /**
     * The bridge's {@code pluggedSeconds} or {@code sessionPluggedSeconds}: optional (absent with no car, or no plug-in
     * since the bridge started, and from bridges before they were added); 0 to {@link #MOST_SECONDS}.
     */
    private static Optional<Duration> seconds(JsonNode root, String field) throws PileIoException {
        return seconds(root, "", field);
    }

    /** As above, within an object of the status named by {@code prefix} (e.g. {@code "lastSession."}). */
    private static Optional<Duration> seconds(JsonNode root, String prefix, String field) throws PileIoException {
        if (!root.has(field)) {
            return Optional.empty();
        }
        JsonNode n = root.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0 || n.longValue() > MOST_SECONDS) {
            throw malformed(prefix + field + " " + SECONDS_ARE + ", was " + said(n), null);
        }
        return Optional.of(Duration.ofSeconds(n.longValue()));
    }

    /** A current, a power or an energy: never below 0, nor without end (1e400 reads as Infinity). */
    private static double number(JsonNode root, String field) throws PileIoException {
        return number(root, "", field);
    }

    private static double number(JsonNode root, String prefix, String field) throws PileIoException {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw malformed(prefix + field + " must be a number, was " + said(n), null);
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v) || v < 0) {
            throw malformed(prefix + field + " must be a number, 0 or more, was "
                    + (n instanceof SentNumber sent ? sent.toString() : String.valueOf(v)), null);
        }
        return v;
    }

    /** A value as the pile's error line says it: its JSON, at most {@value SaidBack#MAX} characters, as a fault is cut. */
    private static String said(JsonNode n) {
        return n == null ? "null" : SaidBack.of(n.toString());
    }

    private static PileIoException malformed(String what, Throwable cause) {
        return new PileIoException(PileFailureKind.MALFORMED, "/status " + what, cause);
    }
}
