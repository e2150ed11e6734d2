package org.orderly.tools.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class ScratchBrokerTest {
    @Test
    void v5() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) { port = s.getLocalPort(); }
        try (DemoBroker b = DemoBroker.start("127.0.0.1", port, Files.createTempDirectory("mq"))) {
            System.out.println("URL " + b.url());
            MqttClient c = new MqttClient(b.url(), "t1", new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            try {
                c.connect(o);
                System.out.println("CONNECTED v5");
                BlockingQueue<String> q = new ArrayBlockingQueue<>(10);
                c.subscribe("a/#", 1, (t, m) -> q.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
                c.publish("a/b", "hi".getBytes(), 1, false);
                System.out.println("GOT " + q.poll(5, TimeUnit.SECONDS));
                c.disconnect();
            } catch (Exception e) {
                System.out.println("V5 FAILED " + e);
            }
            c.close();
        }
    }
}
