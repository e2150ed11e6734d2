package org.orderly.gateway.upstream.link;

/**
 * Closing a Paho client, of either MQTT version, that may still be connecting or connected. Paho refuses to close
 * such a client ("Connect already in progress", "Client is connected"), which leaves its threads and socket for the
 * life of the process: the connection is then ended without a DISCONNECT and the client closed again (until
 * 2026-12-07 it was left, said at DEBUG only: {@code UpstreamClientClosedWhileConnectingTest}). Without a DISCONNECT
 * the broker publishes the connection's will ({@code UpstreamForcedCloseWillTest}): the stop comes here only for a
 * connection it published no {@code offline} on (one it disconnected Paho closes), whose will is then the only
 * {@code offline} the grid company gets; a DISCONNECT with reason code 0x00 would have the broker discard it.
 */
final class PahoClose {
    private PahoClose() {
    }

    /**
     * Runs {@code close}; if Paho refuses it, {@code endConnection} and {@code close} again. Fails with why the client
     * is still not closed, Paho's first refusal suppressed in it.
     */
    static void closeEndingConnection(PahoInterrupt.PahoWait<? extends Exception> close,
                                      PahoInterrupt.PahoWait<? extends Exception> endConnection) throws BrokerException {
        try {
            close.run();
        } catch (Exception refused) {
            try {
                PahoInterrupt.kept(endConnection);
                close.run();
            } catch (Exception stillOpen) {
                BrokerException failed = BrokerException.of(stillOpen);
                failed.addSuppressed(refused);
                throw failed;
            }
        }
    }
}
