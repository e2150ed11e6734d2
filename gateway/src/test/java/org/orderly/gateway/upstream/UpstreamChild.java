package org.orderly.gateway.upstream;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's upstream side as a process of its own, started by {@link UpstreamChildProcess}: the real store and
 * outbox in {@code args[0]}, broker {@code args[1]}, gateway {@code args[2]}, drain rate {@code args[3]} per second,
 * telemetry every {@code args[4]} ms. It prints "started"; the line "stop" on its input stops the traffic, drains the
 * outbox and exits 0; SIGKILL is the other way out.
 */
public final class UpstreamChild {
    private UpstreamChild() {
    }

    public static void main(String[] args) throws Exception {
        UpstreamSettings settings = UpstreamRig.plaintext(args[1], args[2]).withDrainPerSecond(Integer.parseInt(args[3]))
                .withTelemetryPeriod(Duration.ofMillis(Long.parseLong(args[4])));
        UpstreamRig rig = UpstreamRig.start(Path.of(args[0]), args[2], settings);
        System.out.println("started");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stop")) {
                rig.quiet();
                boolean drained = rig.drained(120_000);
                rig.close();
                System.out.println(drained ? "drained" : "not drained");
                System.out.flush();
                System.exit(drained ? 0 : 1);
            }
        }
    }
}
