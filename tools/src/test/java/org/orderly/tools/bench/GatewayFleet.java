package org.orderly.tools.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.orderly.tools.aggregate.TelemetryJson;

/**
 * Simulated gateways in one JVM, each with its own MQTT v5 connection (Paho), gatewayId, topic and seq, publishing
 * contract-v1 telemetry (QoS 1) every period, their phases spread evenly over the period. Used by the load benchmark
 * ({@link #main}) and, small, by a test.
 *
 * <pre>GatewayFleet BROKER_URL GATEWAYS PERIOD_S DURATION_S SUMMARY_FILE</pre>
 * <p>The summary has a line per gateway: {@code gatewayId published acknowledged}.
 */
public final class GatewayFleet implements AutoCloseable {
    /** One simulated gateway: its connection and counters. */
    public record Gateway(String id, MqttAsyncClient client, AtomicLong seq, AtomicLong acked) {
    }

    private final List<Gateway> gateways;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final AtomicLong failures = new AtomicLong();

    private GatewayFleet(List<Gateway> gateways) {
        this.gateways = gateways;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: GatewayFleet BROKER_URL GATEWAYS PERIOD_S DURATION_S SUMMARY_FILE");
            System.exit(2);
        }
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        Duration period = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        GatewayFleet fleet = connect(url, "bench-gw-", n);
        System.out.printf("fleet: %d gateways connected to %s; publishing every %s for %s%n", n, url, period, duration);
        fleet.publishEvery(period);
        Thread.sleep(duration.toMillis());
        fleet.stopPublishing();
        Files.write(Path.of(args[4]), fleet.summary(), StandardCharsets.UTF_8);
        System.out.printf("fleet: published %d, acknowledged %d, publish failures %d%n", fleet.published(),
                fleet.acknowledged(), fleet.failures());
        fleet.close();
        System.exit(0);
    }

    /** Connects {@code n} gateways named {@code prefix0000}, {@code prefix0001}, ... (50 connects in flight at most). */
    public static GatewayFleet connect(String url, String prefix, int n) throws MqttException {
        List<Gateway> fleet = new ArrayList<>();
        List<IMqttToken> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%s%04d", prefix, i);
            MqttAsyncClient c = new MqttAsyncClient(url, id, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setKeepAliveInterval(60);
            pending.add(c.connect(o));
            fleet.add(new Gateway(id, c, new AtomicLong(), new AtomicLong()));
            if (pending.size() == 50) {
                for (IMqttToken t : pending) {
                    t.waitForCompletion(30_000);
                }
                pending.clear();
            }
        }
        for (IMqttToken t : pending) {
            t.waitForCompletion(30_000);
        }
        return new GatewayFleet(fleet);
    }

    public void publishEvery(Duration period) {
        long periodMs = period.toMillis();
        int n = gateways.size();
        for (int i = 0; i < n; i++) {
            Gateway g = gateways.get(i);
            timer.scheduleAtFixedRate(() -> publish(g), i * periodMs / n, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer and waits up to 5 s for the outstanding PUBACKs. */
    public void stopPublishing() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + 5_000_000_000L;
        while (acknowledged() + failures() < published() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    public List<Gateway> gateways() {
        return gateways;
    }

    public long published() {
        return gateways.stream().mapToLong(g -> g.seq().get()).sum();
    }

    public long acknowledged() {
        return gateways.stream().mapToLong(g -> g.acked().get()).sum();
    }

    public long failures() {
        return failures.get();
    }

    public List<String> summary() {
        return gateways.stream().map(g -> g.id() + " " + g.seq().get() + " " + g.acked().get()).toList();
    }

    private void publish(Gateway g) {
        long seq = g.seq().getAndIncrement();
        byte[] payload = TelemetryJson.of(g.id(), seq, Instant.now(), seq % 50).getBytes(StandardCharsets.UTF_8);
        try {
            g.client().publish(TelemetryJson.topic(g.id()), payload, 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    g.acked().incrementAndGet();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failures.incrementAndGet();
                    System.err.println("fleet: " + g.id() + " seq " + seq + " failed: " + e);
                }
            });
        } catch (MqttException e) {
            failures.incrementAndGet();
            System.err.println("fleet: " + g.id() + " seq " + seq + " not sent: " + e.getMessage());
        }
    }

    /** Disconnects every gateway, all at once (one by one takes minutes at 1,000). */
    @Override
    public void close() {
        timer.shutdownNow();
        List<IMqttToken> pending = new ArrayList<>();
        for (Gateway g : gateways) {
            try {
                pending.add(g.client().disconnect());
            } catch (MqttException e) {
                System.err.println("fleet: disconnecting " + g.id() + ": " + e.getMessage());
            }
        }
        for (IMqttToken t : pending) {
            try {
                t.waitForCompletion(5_000);
            } catch (MqttException e) {
                System.err.println("fleet: disconnect: " + e.getMessage());
            }
        }
        for (Gateway g : gateways) {
            try {
                g.client().close();
            } catch (MqttException e) {
                System.err.println("fleet: closing " + g.id() + ": " + e.getMessage());
            }
        }
    }
}
