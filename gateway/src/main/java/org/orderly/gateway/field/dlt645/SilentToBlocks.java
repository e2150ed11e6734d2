package org.orderly.gateway.field.dlt645;

import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * A meter silent to a block read (no answer at all, not even a refusal) that answers the block's first quantity asked
 * alone, a value or a refusal: one that ignores block reads where the standard has it refuse what it does not read, to
 * be read one quantity at a time, not a silent meter. What the poller and {@code orderly selftest} both ask and judge,
 * so that the two tell such a meter alike (docs/dlt645.md, "Block reads").
 */
public final class SilentToBlocks {
    /** What such a meter does, in the words both the poller's WARN and selftest's row use. */
    public static final String WHAT = "it does not answer block reads at all, where the standard has a meter refuse what "
            + "it does not read";

    private SilentToBlocks() {
    }

    /**
     * Whether a block read that failed with {@code blockFailure} calls for the block's first quantity asked alone: it
     * timed out (a refusal or another length already says the meter does not read the block: {@link DataBlock#notReadBy}).
     */
    public static boolean worthAsking(FieldReadException blockFailure) {
        return blockFailure.kind() == FailureKind.TIMEOUT;
    }

    /** The one exchange asked: the block's first wanted quantity alone. */
    public static ReadStep alone(ReadStep.Block step) {
        return step.singly().get(0);
    }

    /** Whether the ask alone, failed with {@code aloneFailure}, was answered even so: a refusal is an answer. */
    public static boolean answeredEvenSo(FieldReadException aloneFailure) {
        return aloneFailure.kind() == FailureKind.EXCEPTION_RESPONSE;
    }
}
