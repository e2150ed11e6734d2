package org.orderly.gateway.field.dlt645;

/**
 * A meter's abnormal reply, with its error byte: the cause of the {@code EXCEPTION_RESPONSE} it is reported as. "No
 * such data" (bit 1; DL/T 645-1997 calls it "data identifier error") is the meter saying it does not have the
 * identifier asked, a fact about the meter; any other bit is a refusal of the request.
 */
public final class MeterRefusal extends Exception {
    /** The error byte's bit for "no such data": the meter does not know the identifier. */
    private static final int NO_SUCH_DATA = 0x02;

    /** The error byte, or -1 when the reply carried none. */
    private final int errorByte;

    MeterRefusal(int errorByte, Dlt645Version version) {
        super(errorByte < 0 ? "no error byte" : version.describeError(errorByte));
        this.errorByte = errorByte;
    }

    /** Whether the meter said it has no such data: it does not have the quantity asked. */
    public boolean noSuchData() {
        return errorByte >= 0 && (errorByte & NO_SUCH_DATA) != 0;
    }

    /** Whether {@code failure} is, or was caused by, a meter saying it has no such data. */
    public static boolean noSuchData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MeterRefusal r) {
                return r.noSuchData();
            }
        }
        return false;
    }
}
