package org.orderly.serial;

/**
 * What {@link RtuMaster#discardUntilQuiet} read and threw away.
 *
 * @param bytes how many bytes came and were discarded
 * @param quiet whether the line fell quiet for the wait asked; false when bytes still came at the bound, or the port
 *              failed
 */
public record InputDiscarded(int bytes, boolean quiet) {
}
