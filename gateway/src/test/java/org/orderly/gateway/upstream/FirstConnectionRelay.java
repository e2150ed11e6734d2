package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.Socket;
import org.orderly.testkit.LoopbackRelay;

/**
 * A TCP relay on 127.0.0.1 in front of a real broker that does what its kind does, in one of its modes ({@code M}), on
 * the first connection through it ({@link #takeFirst}), and relays every later one both ways: the shape that
 * {@link PubackCuttingRelay} and {@link AnswerHoldingRelay} share, each made by a factory that names its mode.
 */
abstract class FirstConnectionRelay<M> implements AutoCloseable {
    /**
     * What the first connection gets. Set before the relay listens; a subclass's own fields are set after it does,
     * which is soon enough: no connection comes before the test has the relay's {@link #url}.
     */
    protected final M mode;
    private final LoopbackRelay relay;
    private int accepted;

    FirstConnectionRelay(String name, int brokerPort, M mode) throws IOException {
        this.mode = mode;
        this.relay = new LoopbackRelay(name, brokerPort, this::take);
    }

    final String url() {
        return relay.url();
    }

    /** The first connection: {@code client}, the gateway's, and {@code broker}, opened to the broker for it. */
    abstract void takeFirst(Socket client, Socket broker) throws IOException;

    /** Runs {@code pump} on a thread of the relay's, ended with it. */
    final void start(Runnable pump) {
        relay.start(pump);
    }

    private void take(Socket client) throws IOException {
        if (accepted++ > 0) {
            relay.relayBytes(client);
            return;
        }
        takeFirst(client, relay.toBroker(client));
    }

    @Override
    public final void close() throws IOException {
        relay.close();
    }
}
