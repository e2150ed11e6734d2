package org.orderly.gateway.field.dlt645;

/** The DL/T 645-2007 control codes and control-byte bits Orderly uses. */
public final class ControlCode {
    /** Master asks for one data identifier. */
    public static final int READ_DATA = 0x11;
    /** Master asks the (single) meter on the line for its address, sent to the broadcast address. */
    public static final int READ_ADDRESS = 0x13;
    /** Set in every reply: the frame goes from meter to master. */
    public static final int REPLY = 0x80;
    /** Set in a reply when the meter refuses; the data field is then one error byte. */
    public static final int ABNORMAL = 0x40;
    /** Set in a reply when more frames follow (not used for the identifiers we read). */
    public static final int FOLLOWS = 0x20;
    /** The function: the low five bits. */
    public static final int FUNCTION = 0x1F;

    private ControlCode() {
    }

    /** The meter's error byte (the standard's "ERR" bits), spelled out for a message. */
    public static String describeError(int err) {
        StringBuilder s = new StringBuilder();
        String[] bits = {"other error", "no such data (the meter does not know this identifier)", "password/authority error",
            "baud rate cannot be changed", "too many annual time zones", "too many daily periods", "too many tariffs",
            "reserved bit 7"};
        for (int i = 0; i < 8; i++) {
            if ((err & (1 << i)) != 0) {
                s.append(s.length() == 0 ? "" : ", ").append(bits[i]);
            }
        }
        return String.format("error byte %02X: %s", err, s.length() == 0 ? "no bit set" : s);
    }
}
