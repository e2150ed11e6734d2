package org.orderly.tools.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Valid contract-v1 telemetry as a gateway publishes it, for tests and the load benchmark. */
public final class TelemetryJson {
    private TelemetryJson() {
    }

    public static String topic(String gatewayId) {
        return "orderly/v1/" + gatewayId + "/telemetry";
    }

    /** Telemetry with the given EV load; the other figures follow from it so sums are easy to check. */
    public static String of(String gatewayId, long seq, Instant ts, double evKw) {
        return of(1, gatewayId, seq, ts, evKw);
    }

    public static String of(int version, String gatewayId, long seq, Instant ts, double evKw) {
        double base = 100;
        double transformer = base + evKw;
        double limit = 400;
        return String.format(Locale.ROOT, "{\"v\":%d,\"type\":\"telemetry\",\"id\":\"%s:%d\",\"seq\":%d,"
                        + "\"gatewayId\":\"%s\",\"ts\":\"%s\",\"transformerKw\":%.3f,\"baseKw\":%.3f,\"evKw\":%.3f,"
                        + "\"limitKw\":%.1f,\"headroomKw\":%.3f,\"phaseCurrentsA\":{\"A\":100.0,\"B\":98.5,\"C\":101.2},"
                        + "\"flex\":{\"shedKw\":%.3f,\"addKw\":%.3f},\"mode\":\"normal\","
                        + "\"piles\":{\"total\":24,\"plugged\":5,\"charging\":3}}",
                version, gatewayId, seq, seq, gatewayId, ts, transformer, base, evKw, limit, limit - transformer, evKw,
                limit - transformer);
    }

    /** A valid non-telemetry message (an event), which only advances the seq. */
    public static String event(String gatewayId, long seq, Instant ts) {
        return String.format(Locale.ROOT, "{\"v\":1,\"type\":\"event\",\"id\":\"%s:%d\",\"seq\":%d,\"gatewayId\":\"%s\","
                + "\"ts\":\"%s\",\"kind\":\"mode\",\"message\":\"conservative\"}", gatewayId, seq, seq, gatewayId, ts);
    }

    /** Publishes telemetry {@code from..to} of {@code gatewayId} at QoS 1, each stamped {@code ts} and 1 kW. */
    static void publish(MqttClient gw, String gatewayId, long from, long to, Instant ts) throws MqttException {
        for (long seq = from; seq <= to; seq++) {
            gw.publish(topic(gatewayId), of(gatewayId, seq, ts, 1).getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }
}
