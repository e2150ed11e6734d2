package org.orderly.tools.aggregate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBACKs that wait for the journal (group commit). A message's ack is held until a force of the journal that began
 * after its line was written has returned; one force covers every line written before it, so the acks of all the
 * messages taken while the disk was busy go out together after the next one. Throughput then does not fall to one
 * message per force, and a message the broker no longer holds is on the disk ("nothing lost" across a power cut).
 * A force that fails leaves its acks unsent: the broker keeps those messages in the session and gives them again. It
 * may also have lost lines written before it whose acks wait in a later group: those are not sent either, though the
 * later force succeeds ({@link Lost}).
 */
final class AckAfterForce implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AckAfterForce.class);

    /** Puts what was written so far on the disk. */
    interface Force {
        void run() throws IOException;
    }

    /** Whether a failed force may have lost a journal line (numbered as {@link Aggregator.Taken#line()}). */
    interface Lost {
        boolean line(long line);
    }

    /** Sends the PUBACK of one message. */
    interface Ack {
        void send(int messageId, int qos) throws MqttException;
    }

    private record Held(int messageId, int qos, long line) {
    }

    private final String name;
    private final Force force;
    private final Lost lost;
    private final Ack ack;
    private final Redelivery redelivery;
    private final List<Held> held = new ArrayList<>();
    private final Thread committer;
    private boolean closing;

    /** @param name the instance, for the log */
    /** @param redelivery told of every message left unacknowledged, and of acknowledgements that go out */
    AckAfterForce(String name, Force force, Lost lost, Ack ack, Redelivery redelivery) {
        this.name = name;
        this.force = force;
        this.lost = lost;
        this.ack = ack;
        this.redelivery = redelivery;
        this.committer = new Thread(this::run, "orderly-aggregate-ack");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * The message's line (if any) is written: acknowledge it after the next force, unless a failed force lost it.
     *
     * @param line the journal line the ack waits for, 0 for none
     */
    synchronized void ackAfterForce(int messageId, int qos, long line) {
        if (closing) {
            LOG.debug("aggregate {}: message {} arrived while closing; not acknowledged, the broker keeps it", name,
                    messageId);
            return;
        }
        held.add(new Held(messageId, qos, line));
        notifyAll();
    }

    private void run() {
        while (true) {
            List<Held> batch;
            synchronized (this) {
                while (held.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        LOG.warn("aggregate {}: the ack thread was interrupted; {} messages not acknowledged", name,
                                held.size());
                        return;
                    }
                }
                if (held.isEmpty()) {
                    return;
                }
                batch = List.copyOf(held);
                held.clear();
            }
            commit(batch);
        }
    }

    private void commit(List<Held> batch) {
        try {
            force.run();
        } catch (IOException e) {
            LOG.error("aggregate {}: forcing the journal failed; {} messages not acknowledged (the broker keeps them"
                    + " in the session and gives them again)", name, batch.size(), e);
            redelivery.withheld();
            return;
        }
        int unsent = 0;
        int withheld = 0;
        MqttException last = null;
        for (Held h : batch) {
            // An earlier force failed after the line was written: this one succeeded without it.
            if (h.line() != 0 && lost.line(h.line())) {
                withheld++;
                continue;
            }
            try {
                ack.send(h.messageId(), h.qos());
            } catch (MqttException e) {
                unsent++;
                last = e;
            }
        }
        if (withheld > 0) {
            LOG.error("aggregate {}: {} messages not acknowledged: a failed force of the journal lost their lines (the"
                    + " broker gives them again and their lines are written again)", name, withheld);
            redelivery.withheld();
        }
        if (withheld + unsent < batch.size()) {
            redelivery.acknowledged();
        }
        if (last != null) {
            LOG.warn("aggregate {}: {} of {} acknowledgements not sent ({}); the broker sends those messages again"
                    + " after the reconnect", name, unsent, batch.size(), last.getMessage());
        }
    }

    /** Forces and acknowledges what is held, then stops; messages that arrive later are not acknowledged. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        committer.join();
    }
}
