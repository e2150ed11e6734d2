package org.orderly.gateway.field.dlt645;

import java.io.IOException;

/** Opens the line a poller talks on; called again after the line failed. */
@FunctionalInterface
public interface LineOpener {
    SerialLine open() throws IOException;
}
