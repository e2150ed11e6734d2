package org.orderly.gateway.field.dlt645;

/**
 * The DL/T 645 control codes and control-byte bits Orderly uses (the bits are the same in 1997 and 2007; the read's
 * function code is {@link Dlt645Version#readData()}).
 */
public final class ControlCode {
    /** Master asks a DL/T 645-2007 meter for one data identifier. */
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
}
