package org.orderly.gateway.field.dlt645;

import java.util.Optional;

/**
 * A reply that came from another address than the one asked: the cause of the {@code GARBLED} it is reported as. Unlike
 * a reply that fails its checksum or framing it arrived whole, so the line carries frames; what it says is that the
 * address asked is not the meter that answered.
 */
public final class ReplyFromOtherAddress extends Exception {
    private final MeterAddress from;

    ReplyFromOtherAddress(MeterAddress from) {
        super("reply came from address " + from);
        this.from = from;
    }

    /** The address the reply came from. */
    public MeterAddress from() {
        return from;
    }

    /** The address {@code failure}'s reply came from, when it is, or was caused by, a reply from another address. */
    public static Optional<MeterAddress> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReplyFromOtherAddress r) {
                return Optional.of(r.from);
            }
        }
        return Optional.empty();
    }
}
