package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly pile set} proves that a pile obeys (operations.md step 3): the current it offers once it acknowledged
 * the limit is at most the limit. A pymodbus pile that ignores the limit's writes and goes on offering 16 A fails; one
 * that offers what it is given, or less (its own limit is lower), passes. The read-back is a status taken after the
 * pile acknowledged this limit, never one carrying the lease of an earlier command (a real bridge).
 */
class PileSetObeysTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    private static final Pattern LEASE = Pattern.compile("limit lease until ([^,\\s]+)");

    @TempDir
    Path dir;

    private String[] modbus(ModbusPileSlave slave, String amps) {
        return new String[] {"pile", "set", amps, "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port),
                "--unit", "20", "--map", "piles/generic-pile", "--devices", DEVICES.toString(), "--id", "p3", "--wait-s", "3"};
    }

    @Test
    void aModbusPileThatGoesOnOfferingMoreThanTheLimitDoesNotPass() throws Exception {
        try (ModbusPileSlave slave = ModbusPileSlave.ignoresLimit(dir, 20)) {
            OrderlyRun r = OrderlyRun.of(modbus(slave, "10"));
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).doesNotContain("read back");
            // the line, and that whether a gateway drives the pile too (which would look the same) is not known
            assertThat(r.err().lines().toList()).hasSize(2);
            assertThat(r.err().strip()).startsWith("p3: set 10 A, but the pile offers 16 A (state C, charging) after it "
                    + "acknowledged the limit: it does not obey it; check that")
                    .contains("the map's limit register");
            assertThat(r.err().lines().toList().get(1)).startsWith("p3: whether a gateway also drives this pile is not known: ");
        }
    }

    @Test
    void aModbusPileThatOffersTheLimitPasses() throws Exception {
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 20)) {
            OrderlyRun r = OrderlyRun.of(modbus(slave, "10"));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10 A for 60 s; read back: p3: state C (charging), offered 10 A");
        }
    }

    @Test
    void aModbusPileOfferingLessThanTheLimitObeysIt() throws Exception {
        // Its own limit (or the cable's) is lower: it offers 16 A of the 20 A it may
        try (ModbusPileSlave slave = ModbusPileSlave.ignoresLimit(dir, 20)) {
            OrderlyRun r = OrderlyRun.of(modbus(slave, "20"));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 20 A for 60 s; read back: p3: state C (charging), offered 16 A");
        }
    }

    @Test
    void theReadBackIsNotTheLeaseOfTheCommandBefore() throws Exception {
        // The first PUT is lost, so the status the observation brings first (the 30 s lease still standing) comes
        // after this command began and before the limit is acknowledged, as when a cold JVM's first answer came late
        // on loopback; statuses held back 300 ms make it the latest status at the acknowledgement.
        try (Bridge b = new Bridge("p2"); HoldBackProxy slow = new HoldBackProxy(b.port(), 300, HoldBackProxy::statuses);
             LossyProxy relay = new LossyProxy(slow.port(), LossyProxy.firstOnly(LossyProxy::coapPut))) {
            OrderlyRun first = OrderlyRun.of("pile", "set", "0", "--ttl-s", "30", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(b.port()), "--plain", "--id", "p2");
            assertThat(first.exit()).as(first.err()).isZero();
            Instant longLease = lease(first.out());
            OrderlyRun r = OrderlyRun.of("pile", "set", "0", "--ttl-s", "5", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(relay.port()), "--plain", "--id", "p2", "--wait-s", "6");
            assertThat(relay.dropped()).isEqualTo(1);
            assertThat(r.exit()).as(r.err()).isZero();
            // a 5 s lease set after the 30 s one ends before it (the runs take seconds, not 25)
            assertThat(lease(r.out())).as(r.out()).isBefore(longLease);
        }
    }

    private static Instant lease(String out) {
        Matcher m = LEASE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return java.time.OffsetDateTime.parse(m.group(1)).toInstant();
    }
}
