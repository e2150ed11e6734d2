package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * What {@code orderly pile set} says when the pile answered some requests and not others: a bridge behind a relay on
 * loopback that loses its PUTs (plain, or DTLS records of a PUT's size), or only the first; a pymodbus pile whose map
 * has no watchdog register, or whose limit register cannot hold the limit. The advice must be true of what happened: a
 * bridge that sent its status speaks the transport asked and runs at that address.
 */
class PileSetAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPlainBridgeThatSendsItsStatusButNeverAnswersThePutIsNotSaidToSpeakDtlsOnly() throws Exception {
        try (Bridge b = new Bridge("p1"); LossyProxy relay = new LossyProxy(b.port(), LossyProxy::coapPut)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", Integer.toString(relay.port()),
                    "--plain", "--id", "p1", "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(relay.dropped()).as("the relay lost the PUTs").isPositive();
            String first = r.err().lines().findFirst().orElseThrow();
            assertThat(first).startsWith("p1: limit 10 A not confirmed within 4 s; last status: state ")
                    .contains("the bridge sends its status but did not acknowledge the limit")
                    .doesNotContain("DTLS only").doesNotContain("not run there");
        }
    }

    @Test
    void aDtlsBridgeThatSendsItsStatusButNeverAnswersThePutIsNotSaidToBeElsewhereOrStopped() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p2", PskCredentials.ofUtf8("gateway-p2", "secret-key"));
             LossyProxy relay = new LossyProxy(b.dtlsPort(), LossyProxy.dtlsRecordLongerThan(50))) {
            Path key = Files.writeString(dir.resolve("p2.psk"), "secret-key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", Integer.toString(relay.port()),
                    "--psk-identity", "gateway-p2", "--psk-file", key.toString(), "--id", "p2", "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(relay.dropped()).as("the relay lost the PUTs").isPositive();
            String first = r.err().lines().findFirst().orElseThrow();
            assertThat(first).startsWith("p2: limit 10 A not confirmed within 4 s; last status: state ")
                    .contains("the bridge sends its status but did not acknowledge the limit")
                    .doesNotContain("check the bridge's address and port").doesNotContain("firmware-bridge runs");
        }
    }

    @Test
    void aLimitAcknowledgedAndReadBackAfterOneLostPutIsSetWithANoteOfTheLoss() throws Exception {
        // ttl 7 s: the first PUT is lost (its timeout 1.17 s, half of ttl/3); the limit, offered again each second, is
        // sent again
        try (Bridge b = new Bridge("p3"); LossyProxy relay = new LossyProxy(b.port(), LossyProxy.firstOnly(LossyProxy::coapPut))) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "7", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(relay.port()), "--plain", "--id", "p3", "--wait-s", "8");
            assertThat(relay.dropped()).isEqualTo(1);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10 A for 7 s; read back: p3: state ").contains("limit lease until");
            assertThat(r.err()).contains("p3: read back after 1 failed request").contains("TIMEOUT")
                    .doesNotContain("not confirmed").doesNotContain("DTLS only");
            assertThat(b.pile.status().ampsOffered()).isEqualTo(10.0);
        }
    }

    @Test
    void aModbusPileWhoseMapHasNoWatchdogIsSetAndSaidToKeepTheLimit() throws Exception {
        Path devices = devicesWith("piles/no-watchdog", "^watchdog:.*\\n", "");
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port),
                    "--unit", "4", "--map", "piles/no-watchdog", "--devices", devices.toString(), "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("register map 'piles/no-watchdog': "
                            + devices.resolve("piles/no-watchdog.yaml")
                            + ", your own\nset 10 A with no lease (the map has no watchdog register: ")
                    .contains("read back: pile: state C (charging)").doesNotContain("on its safe current");
            assertThat(r.err()).doesNotContain("no answer").doesNotContain("not confirmed");
        }
    }

    @Test
    void aLimitThatTheMapsLimitRegisterCannotHoldIsBadInputNotAPileThatRefuses() throws Exception {
        Path devices = devicesWith("piles/milliamp", "scale: 0\\.1 \\}", "scale: 0.001 }");
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "70", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port),
                    "--unit", "4", "--map", "piles/milliamp", "--devices", devices.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("orderly pile set: AMPS 70 does not fit the limit register of map piles/milliamp "
                    + "(limit register 0x0100: 70 / scale 0.001 = 70000 does not fit 0..65535): check its scale against the pile's "
                    + "Modbus table; nothing was sent");
        }
    }

    @Test
    void aModbusPileGetAfterASetDoesNotSayThePileIsOnItsSafeCurrent() throws Exception {
        // The lease of a Modbus pile is the writer's own reckoning (ack + ttl), not read from the pile: a new command
        // cannot know it, and the pile here holds the 60 s lease the set just wrote.
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            String[] pile = {"--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port), "--unit", "4", "--map",
                    "piles/generic-pile", "--devices", DEVICES.toString(), "--wait-s", "4"};
            OrderlyRun set = OrderlyRun.of(concat(new String[] {"pile", "set", "10"}, pile));
            assertThat(set.exit()).as(set.err()).isZero();
            OrderlyRun get = OrderlyRun.of(concat(new String[] {"pile", "get"}, pile));
            assertThat(get.exit()).as(get.err()).isZero();
            assertThat(get.out()).startsWith("pile: state C (charging)").doesNotContain("on its safe current")
                    .contains("lease not known");
        }
    }

    @Test
    void aBridgeThatIsStoppingIsSaidToBeStoppingNotToHaveFailed() throws Exception {
        // A firmware-bridge being stopped closes its pile first: its CoAP server still answers, the status it had, and
        // a PUT /limit with 5.03 Service Unavailable
        try (Bridge b = new Bridge("p4")) {
            b.pile.close();
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()),
                    "--plain", "--id", "p4", "--wait-s", "3");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            String first = r.err().lines().findFirst().orElseThrow();
            assertThat(first).startsWith("p4: limit 10 A not confirmed within 3 s; last status: state ")
                    .endsWith("; the bridge said it cannot take a limit now (5.03 Service Unavailable), as a firmware-bridge "
                            + "does while it stops: check that its service runs (it may be stopping or restarting; its log says "
                            + "why) and run pile set again");
            assertThat(r.err()).contains("5.03 SERVICE_UNAVAILABLE: pile p4 is stopping").doesNotContain("failed on its side");
        }
    }

    /**
     * A status that names a problem (here its silent meter) leaves the unconfirmed limit's line whole, its advice last, and
     * the problem on a line of its own after it: until 2026-12-07 the problem's line came inside it, between the status
     * and the advice.
     */
    @Test
    void aProblemOfTheLastStatusIsALineAfterTheUnconfirmedLimitsLine() throws Exception {
        try (Bridge b = Bridge.metered("p5", LoopbackPorts.free(), 1)) {
            b.pile.close();
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()),
                    "--plain", "--id", "p5", "--wait-s", "3");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            List<String> lines = r.err().lines().toList();
            assertThat(lines.get(0)).as(r.err()).startsWith("p5: limit 10 A not confirmed within 3 s; last status: state ")
                    .endsWith("and run pile set again");
            assertThat(lines.get(1)).as(r.err()).startsWith("p5: its meter not answering: ");
        }
    }

    @Test
    void aModbusPileThatGivesNoAnswerToWritesIsNotSentToItsRegisterAddresses() throws Exception {
        // Its status reads are answered; its writes get no answer at all. A register it lacks, or a write function it
        // does not take, would be refused with an exception response, not met with silence.
        try (ModbusPileSlave slave = ModbusPileSlave.silentToWrites(dir, 4)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port),
                    "--unit", "4", "--map", "piles/generic-pile", "--devices", DEVICES.toString(), "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            String first = r.err().lines().findFirst().orElseThrow();
            assertThat(first).startsWith("pile: limit 10 A not confirmed within 4 s; last status: state C (charging)")
                    .endsWith("; the pile answers its status reads but gave no answer to the limit's writes (a register it "
                            + "lacks or a write function it does not take would be refused, not met with silence): check that "
                            + "the pile takes control over Modbus (many take writes only once a setting of theirs allows it), "
                            + "and that nothing between here and the pile passes reads only");
            assertThat(r.err()).contains("TIMEOUT");
        }
    }

    @Test
    void aModbusPileBusyAtFirstIsSetNotSaidToRefuse() throws Exception {
        // Its first two requests are answered with exception 06 (server device busy): "retry later", not a refusal
        try (ModbusPileSlave slave = ModbusPileSlave.busyFirst(dir, 4, 2)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port),
                    "--unit", "4", "--map", "piles/generic-pile", "--devices", DEVICES.toString(), "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10 A for 60 s; read back: pile: state C (charging)");
            assertThat(r.err()).doesNotContain("refuse");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    /** A devices directory with the shipped maps and {@code name}, the generic pile's map with one change. */
    private Path devicesWith(String name, String regex, String replacement) throws Exception {
        Path devices = Files.createDirectories(dir.resolve("devices/piles"));
        String generic = Files.readString(DEVICES.resolve("piles/generic-pile.yaml"));
        String changed = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.MULTILINE).matcher(generic).replaceAll(replacement);
        assertThat(changed).isNotEqualTo(generic);
        Files.writeString(dir.resolve("devices").resolve(name + ".yaml"), changed);
        return devices.getParent();
    }
}
