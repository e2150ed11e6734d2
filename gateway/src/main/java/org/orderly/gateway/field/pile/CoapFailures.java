package org.orderly.gateway.field.pile;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.orderly.text.OneLine;

/** Classifies what Californium reports for one exchange with a bridge. */
final class CoapFailures {

    private CoapFailures() {
    }

    /** A response that is not 2.xx: 4.xx refused (with the bridge's one-line reason), 5.03 busy, other 5.xx server error. */
    static PileIoException refused(String operation, CoapResponse response) {
        ResponseCode code = response.getCode();
        PileFailureKind kind = code == ResponseCode.SERVICE_UNAVAILABLE ? PileFailureKind.BUSY
                : code.isServerError() ? PileFailureKind.SERVER_ERROR : PileFailureKind.REJECTED;
        return new PileIoException(kind, operation + ": " + answered(response), null);
    }

    /**
     * The most of a bridge's reason said: the bridge's own are a line of a few words ({@code amps 99 must be 0 or within
     * [6, 32] for pile P1}); a longer one is cut, with {@code ...}.
     */
    static final int MAX_REASON_CHARS = 120;

    /**
     * What a bridge answered, its code and its reason when it gave one: {@code 4.04 NOT_FOUND}, {@code 4.00 BAD_REQUEST:
     * ...}; of a refusal in JSON ({@link RefusalBody}), its {@code reason}. The reason on one line and at most
     * {@value #MAX_REASON_CHARS} characters ({@link OneLine#head}): until 2026-12-06 a line break in it started a line of
     * the log of its own, which read as the gateway's, and a reason of any length was logged whole at each refusal.
     */
    static String answered(CoapResponse response) {
        ResponseCode code = response.getCode();
        String reason = RefusalBody.of(response.getOptions().getContentFormat(), response.getPayload())
                .map(RefusalBody::reason)
                .orElseGet(() -> new String(response.getPayload() == null ? new byte[0] : response.getPayload(),
                        StandardCharsets.UTF_8));
        return code.text + " " + code.name() + (reason.isBlank() ? "" : ": " + OneLine.head(reason.strip(), MAX_REASON_CHARS));
    }

    static PileIoException timeout(String operation, long millis) {
        return new PileIoException(PileFailureKind.TIMEOUT, operation + ": no response within " + millis + " ms", null);
    }

    /**
     * A send error or exception: a failed DTLS handshake is told apart from other connection trouble, and a reply larger
     * than Californium takes (sent block by block, {@code CoapConfig.MAX_RESOURCE_BODY_SIZE}, 8192 bytes) is a
     * malformed one, said so: until 2026-12-06 it was {@code CONNECTION}, in Californium's words twice, and the
     * observation whose notification it was said it was "rejected or reset".
     */
    static PileIoException thrown(String operation, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains(TOO_LARGE)) {
                return new PileIoException(PileFailureKind.MALFORMED, operation + ": its reply is larger than the gateway"
                        + " takes (" + t.getMessage() + ")", error);
            }
        }
        return new PileIoException(classify(error), operation + ": " + describe(error), error);
    }

    /** Californium's words for a reply larger than it takes ({@code BlockwiseLayer}, 3.14). */
    private static final String TOO_LARGE = "exceeds max buffer size";

    static PileFailureKind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("handshake") || message.contains("handshake") || name.contains("alert")) {
                return PileFailureKind.HANDSHAKE;
            }
            if (t instanceof java.net.SocketTimeoutException || name.contains("timeout")) {
                return PileFailureKind.TIMEOUT;
            }
        }
        return PileFailureKind.CONNECTION;
    }

    private static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
