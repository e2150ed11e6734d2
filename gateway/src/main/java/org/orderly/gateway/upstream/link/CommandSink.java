package org.orderly.gateway.upstream.link;

import java.util.List;

/** Where the link hands the commands it receives; called on the MQTT client's thread, so it must only queue. */
public interface CommandSink {
    /** The exact topics to subscribe to; a message on any other topic is dropped and logged. */
    List<String> topics();

    void arrived(IncomingCommand command);
}
