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
 * The load benchmark's publishers: N simulated gateways in one JVM, each with its own MQTT v5 connection (Paho),
 * gatewayId, topic and seq, publishing contract-v1 telemetry (QoS 1) every period, their phases spread evenly over
 * the period. At the end it writes, per gateway, how many messages the broker acknowledged ({@code gatewayId
 * published acked}), so the analysis can check that every acknowledged seq reached an aggregate instance.
 *
 * <pre>GatewayFleet BROKER_URL GATEWAYS PERIOD_S DURATION_S SUMMARY_FILE</pre>
 */
public final class GatewayFleet {
    private record Gateway(String id, MqttAsyncClient client, AtomicLong seq, AtomicLong acked) {
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
        Path summary = Path.of(args[4]);

        List<Gateway> fleet = connect(url, n);
        System.out.printf("fleet: %d gateways connected to %s; publishing every %s for %s%n", n, url, period, duration);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        AtomicLong failures = new AtomicLong();
        long periodMs = period.toMillis();
        for (int i = 0; i < n; i++) {
            Gateway g = fleet.get(i);
            timer.scheduleAtFixedRate(() -> publish(g, failures), i * periodMs / n, periodMs, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(duration.toMillis());
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(5_000); // the last PUBACKs
        List<String> lines = new ArrayList<>();
        long published = 0;
        long acked = 0;
        for (Gateway g : fleet) {
            lines.add(g.id() + " " + g.seq().get() + " " + g.acked().get());
            published += g.seq().get();
            acked += g.acked().get();
            try {
                g.client().disconnect().waitForCompletion(5_000);
                g.client().close();
            } catch (MqttException e) {
                System.err.println("fleet: closing " + g.id() + ": " + e.getMessage());
            }
        }
        Files.write(summary, lines, StandardCharsets.UTF_8);
        System.out.printf("fleet: published %d, acknowledged %d, publish failures %d%n", published, acked,
                failures.get());
        System.exit(0);
    }

    private static List<Gateway> connect(String url, int n) throws MqttException {
        List<Gateway> fleet = new ArrayList<>();
        List<IMqttToken> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("bench-gw-%04d", i);
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
        return fleet;
    }

    private static void publish(Gateway g, AtomicLong failures) {
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

    private GatewayFleet() {
    }
}
