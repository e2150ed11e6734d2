package org.orderly.gateway.field.pile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orderly.text.Amps;
import org.orderly.text.AsWritten;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.StrictJson;

/**
 * What a bridge says of its pile on {@code /info} ({@code {"maxAmps":32.0,"phases":1,"safeAmps":6.0,...}}), checked
 * against the gateway's configuration. The safe current held for the pile while the gateway cannot hear it is the
 * larger of {@code driver.coap.safeAmps} and the bridge's own: a bridge offering more than the gateway reserves would
 * overload the lines above it. A reply that cannot be believed (a field missing, not a number, out of range) changes
 * nothing: the configured value is held. Every disagreement is one line for the installer naming what to fix. A bridge
 * whose {@code pileId} is not the configured id, compared exactly (case, spaces and all), is another pile's: its
 * figures are not this pile's to check, the configured safe current is held, and {@link Result#otherPile} says so, for
 * the driver to give it no limits. Pure.
 */
public final class BridgeInfoCheck {

    /** The bridge's own bound on a pile's current ({@code PilotMapping.MAX_AMPS}). */
    private static final double MAX_AMPS = 80;
    /** A token Jackson quotes in a refusal is cut at 40 characters: the pile's error line is no place for the rest. */
    private static final ObjectMapper JSON = StrictJson.mapper(40);

    private BridgeInfoCheck() {
    }

    /**
     * @param safeAmps the safe current to hold for the pile while the gateway cannot hear it
     * @param warnings what the installer should fix, one line each; empty when the bridge and the configuration agree
     * @param otherPile the {@code pileId} the bridge gave when it is not the configured one (exactly): the bridge at this
     *                  pile's address is another pile's; empty when it is this pile's or did not say
     */
    public record Result(double safeAmps, List<String> warnings, Optional<String> otherPile) {
        public Result {
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(otherPile, "otherPile");
        }

        Result(double safeAmps, List<String> warnings) {
            this(safeAmps, warnings, Optional.empty());
        }
    }

    /** The bridge's {@code /info}, its fields in range. */
    private record Info(String pileId, double maxAmps, int phases, double safeAmps) {
    }

    /**
     * @param idChecked          whether {@code pileId} is the pile's id in the configuration, which the bridge's must be;
     *                           false for a name a command gave it ({@code --id})
     * @param address            where the driver reached the bridge ({@code coap://10.20.0.11:5683}), said with a bridge
     *                           that is another pile's
     * @param configuredSafeAmps the pile's {@code driver.coap.safeAmps}
     * @param rating             what {@code compound.piles} says of the pile; empty: its maxA and phase are not checked
     * @param payload            the body of the bridge's {@code GET /info}
     */
    public static Result check(String pileId, boolean idChecked, String address, double configuredSafeAmps,
                               Optional<PileRating> rating, byte[] payload) {
        Info info;
        try {
            info = parse(payload);
        } catch (IllegalArgumentException bad) {
            return new Result(configuredSafeAmps, List.of("pile " + pileId + ": /info " + bad.getMessage()
                    + "; holding the configured driver.coap.safeAmps " + amps(configuredSafeAmps)));
        }
        if (idChecked && !info.pileId().equals(pileId)) {
            return new Result(configuredSafeAmps, List.of(OtherPile.said(pileId, info.pileId(), address,
                    amps(configuredSafeAmps))), Optional.of(info.pileId()));
        }
        double held = Math.max(configuredSafeAmps, info.safeAmps());
        List<String> warnings = new ArrayList<>();
        if (info.safeAmps() != configuredSafeAmps) {
            warnings.add("pile " + pileId + ": the bridge's safe current (/info safeAmps, its --safe-amps) is "
                    + amps(info.safeAmps()) + ", driver.coap.safeAmps " + amps(configuredSafeAmps) + "; holding "
                    + amps(held) + " for it while it is offline. Set driver.coap.safeAmps of pile " + pileId
                    + " to the bridge's --safe-amps");
        }
        rating.ifPresent(r -> {
            if (info.phases() != r.phases()) {
                warnings.add("pile " + pileId + ": the bridge says it is on " + phases(info.phases())
                        + " (/info phases), its phase in compound.piles " + phases(r.phases())
                        + "; the gateway plans and holds its current on the configured phase. Fix the phase of pile "
                        + pileId + " or the bridge's --phases");
            }
            if (info.maxAmps() < r.maxAmps()) {
                warnings.add("pile " + pileId + ": the bridge's maxAmps " + amps(info.maxAmps())
                        + " is below its maxA " + amps(r.maxAmps()) + " in compound.piles; the bridge will refuse a limit"
                        + " above " + amps(info.maxAmps()) + ". Set maxA of pile " + pileId + " to the bridge's --max-amps"
                        // check-config refuses a maxA below minA: that too, then, or the installer is told what it refuses
                        + (info.maxAmps() < r.minAmps() ? ", and its minA, " + amps(r.minAmps()) + " now, to no more than that"
                                : ""));
            } else if (info.maxAmps() > r.maxAmps()) {
                warnings.add("pile " + pileId + ": the bridge's maxAmps " + amps(info.maxAmps())
                        + " is above its maxA " + amps(r.maxAmps()) + " in compound.piles; the gateway gives it at most "
                        + amps(r.maxAmps()) + ". Check maxA of pile " + pileId + " against the bridge's --max-amps");
            }
        });
        return new Result(held, warnings);
    }

    /** A bridge that refused {@code GET /info} ({@code why}: the operation, the code and its reason): nothing known. */
    public static Result refused(String pileId, double configuredSafeAmps, String why) {
        return new Result(configuredSafeAmps, List.of("pile " + pileId + ": " + oneLine(why)
                + "; holding the configured driver.coap.safeAmps " + amps(configuredSafeAmps)));
    }

    private static Info parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload == null ? new byte[0] : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(StrictJson.keyTwice(e).map(StrictJson.KeyTwice::said)
                    .orElse(StrictJson.moreAfterValue(e) ? "has more after its object"
                            : "is not JSON: " + JsonRefusal.of(e)));
        } catch (IOException e) {
            throw new IllegalArgumentException("is not JSON: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object, was "
                    + oneLine(payload == null ? "nothing" : new String(payload, StandardCharsets.UTF_8)));
        }
        double maxAmps = number(root, "maxAmps");
        if (!(maxAmps > 0 && maxAmps <= MAX_AMPS)) {
            throw new IllegalArgumentException("maxAmps must be above 0 and at most " + amps(MAX_AMPS) + ", was "
                    + AsWritten.number(maxAmps));
        }
        JsonNode phases = root.get("phases");
        // canConvertToInt first: intValue() keeps a larger number's low 32 bits, and 4294967297 would read as 1
        if (phases == null || !phases.isIntegralNumber() || !phases.canConvertToInt()
                || (phases.intValue() != 1 && phases.intValue() != 3)) {
            throw new IllegalArgumentException("phases must be 1 or 3, was " + phases);
        }
        double safeAmps = number(root, "safeAmps");
        if (!(safeAmps >= 0 && safeAmps <= maxAmps)) {
            throw new IllegalArgumentException("safeAmps must be 0 to maxAmps (" + amps(maxAmps) + "), was "
                    + AsWritten.number(safeAmps));
        }
        JsonNode pileId = root.get("pileId");
        if (pileId == null || !pileId.isTextual()) {
            throw new IllegalArgumentException("pileId must be a string, was "
                    + (pileId == null ? "missing" : oneLine(pileId.toString())));
        }
        return new Info(pileId.textValue(), maxAmps, phases.intValue(), safeAmps);
    }

    /** A JSON number: Jackson writes a NaN or an infinity as a string, which is not one. */
    private static double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(field + " must be a number, was " + (n == null ? "missing" : oneLine(n.toString())));
        }
        return n.doubleValue();
    }

    /** As the page and the orderly command say a current (10 A, not 10.0 A): selftest prints these lines. */
    private static String amps(double a) {
        return Amps.of(a);
    }

    private static String phases(int n) {
        return n == 1 ? "1 phase" : n + " phases";
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
