package org.orderly.tools.demo;

import java.io.IOException;

/**
 * A part the demo serves on loopback (the transformer meter, a pile's firmware-bridge, the embedded MQTT broker, the
 * local page) that cannot have its port, most often because another program (another demo) has it. The message names
 * the part and the address; the command adds how to move it, which depends on where the port came from (its option, or
 * a given file).
 */
public final class PeerPortTaken extends IOException {
    /** Which of the demo's ports. */
    public enum Peer { METER, PILE, BROKER, WEB }

    private final Peer peer;

    PeerPortTaken(Peer peer, String message, Throwable cause) {
        super(message, cause);
        this.peer = peer;
    }

    public Peer peer() {
        return peer;
    }
}
