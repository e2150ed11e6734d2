package org.orderly.gateway.field.dlt645;

/**
 * A block reply, its checksum right, that cannot be read as the standard lays the block out: its length is not the
 * block's (a fourth current, a missing phase, separators: no value in it can be placed), or a value wanted from it is
 * not BCD (a meter filling what it does not measure with FF). The cause of the {@code GARBLED} it is reported as, and
 * what tells a meter that does not read the block as written from a frame garbled on the line (whose checksum fails
 * first): such a meter is read one quantity at a time.
 */
public final class BlockMisfit extends Exception {
    private BlockMisfit(String message) {
        super(message);
    }

    /** A reply of {@code got} value bytes to {@code block}. */
    static BlockMisfit length(DataBlock block, int got) {
        return new BlockMisfit("block reply carries " + got + " value bytes, expected " + block.bytes() + " ("
                + block.members().size() + " values); its layout is not the standard's, so none of it is read");
    }

    /** A value wanted from a block that is not a number: {@code why}. */
    static BlockMisfit value(DataId di, String why) {
        return new BlockMisfit("the block's " + di.quantity() + " is no value (" + why + "), so none of the block is read");
    }

    /** Whether {@code failure} is, or was caused by, a block reply not laid out as the standard writes it. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BlockMisfit) {
                return true;
            }
        }
        return false;
    }
}
