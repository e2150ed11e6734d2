package org.orderly.tools.aggregate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gets the messages this instance left unacknowledged (their lines could not be written or forced) given again. MQTT 5
 * lets a broker send an unacknowledged message again only when the session is resumed on a new connection (4.4), so
 * while the connection stays up they would wait for the next network failure or restart, holding the broker's
 * in-flight window (Mosquitto's max_inflight_messages, 20): enough of them and the instance receives nothing more. So
 * a message withheld asks for a reconnect after a pause; while the disk keeps failing, the pause doubles up to a
 * minute, and it is back to the first once an acknowledgement goes out again.
 */
final class Redelivery implements AutoCloseable {
    static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(60);

    private final Runnable reconnect;
    private final ScheduledExecutorService timer;
    private Duration pause = FIRST_PAUSE;
    private ScheduledFuture<?> due;

    /** @param reconnect ends the connection and resumes the session on a new one */
    Redelivery(String name, Runnable reconnect) {
        this.reconnect = reconnect;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-aggregate-redelivery-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A message was left unacknowledged: reconnect after the pause, unless a reconnect is due already. */
    synchronized void withheld() {
        if (timer.isShutdown() || (due != null && due.getDelay(TimeUnit.MILLISECONDS) > 0)) {
            return;
        }
        due = timer.schedule(reconnect, pause.toMillis(), TimeUnit.MILLISECONDS);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }

    /** Acknowledgements go out again: the next withheld message waits the first pause only. */
    synchronized void acknowledged() {
        pause = FIRST_PAUSE;
    }

    /** Cancels a reconnect that is due, and waits for one under way. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            if (due != null) {
                due.cancel(false);
            }
            timer.shutdown();
        }
        timer.awaitTermination(40, TimeUnit.SECONDS);
    }
}
