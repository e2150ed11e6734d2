package org.orderly.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged {@code orderly.service}, sandbox and all, started by a real systemd on the real JVM: the .deb installed
 * into a throwaway root in which systemd boots as PID 1, in namespaces of its own (start-unit-under-systemd.sh). The
 * configuration uses what a gateway in a transformer room does: a Modbus TCP meter, a Modbus RTU and a DL/T 645 bus on
 * {@code /dev/ttyUSB} nodes, a plain and a DTLS pile over UDP, an MQTT upstream over TLS and the local page. Nothing
 * answers but the page; the gateway runs in conservative mode, which is enough for it to be ready and to try every
 * socket and the serial port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitUnderSystemdIT {
    /**
     * {@code systemd-analyze security} of the running unit: 7.2 before the unit was hardened (7.4 offline), 1.6 after.
     * A directive taken away raises it.
     */
    static final double MAX_EXPOSURE = 1.6;
    private static final Path TARGET = Path.of("target");
    private static final int WEB_PORT = 8080;
    private Map<String, String> facts;
    private Path out;

    @BeforeAll
    void startTheUnitUnderSystemd() throws Exception {
        HostTools.require("unshare:util-linux", "nsenter:util-linux", "setpriv:util-linux", "pivot_root:util-linux",
                "chroot:coreutils", "mknod:coreutils", "dpkg:dpkg", "adduser:adduser", "systemctl:systemd",
                "systemd-analyze:systemd", "ps:procps");
        Path deb;
        try (Stream<Path> files = Files.list(TARGET)) {
            deb = files.filter(p -> p.getFileName().toString().matches("orderly_.+_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no orderly_*_all.deb in " + TARGET.toAbsolutePath()
                            + "; run mvn package"));
        }
        out = Files.createTempDirectory(TARGET, "unit-under-systemd-");
        Path config = writeConfig(out.resolve("config"));
        Path script = Path.of("src/test/resources/start-unit-under-systemd.sh");
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--fork", "--kill-child",
                "bash", script.toString(), deb.toString(), out.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("script.log").toFile()).start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            // The script and what it started (its trap ends the booted systemd's cgroup when it is killed gently).
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
            throw new AssertionError("script did not finish in 8 minutes; see " + out.resolve("script.log"));
        }
        assertThat(p.exitValue()).as("script (log %s): %s", out.resolve("script.log"), read("script.log")).isZero();
        facts = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("facts"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    @Test
    void startsReadyUnderItsSandboxKeepsRunningAndStopsCleanly() throws IOException {
        assertThat(facts.get("boot.state")).as("systemd in the throwaway root: %s", read("systemd.log"))
                .isIn("running", "degraded");
        assertThat(facts.get("start.rc")).as("systemctl start (READY=1 from the JVM): %s; journal: %s",
                read("start.log"), read("journal.log")).isEqualTo("0");
        assertThat(facts).containsEntry("show.ActiveState", "active").containsEntry("show.SubState", "running")
                .containsEntry("show.NRestarts", "0");
        assertThat(facts.get("running.ActiveState")).as("still running 5 s later; journal: %s", read("journal.log"))
                .isEqualTo("active");
        assertThat(facts.get("stop.rc")).as("systemctl stop: %s", read("stop.log")).isEqualTo("0");
        assertThat(facts).containsEntry("stopped.ActiveState", "inactive").containsEntry("stopped.Result", "success");
    }

    /**
     * An upgrade under systemd 252 with the D-Bus system bus, of the unit as a drop-in gives it {@code --config
     * "/etc/orderly/Zürich site.yaml"}: the postinst checks that argument whole (from busctl; systemctl show prints it
     * split) and restarts the unit into it. Until 2026-12-05 the check split it and the gateway was not restarted.
     * The unit sets no LANG; the service manager's environment has LANG=C.UTF-8 (systemctl set-environment), which
     * systemd gives the service: the check runs in it too. Until 2026-12-05 it ran in the C locale, where the JVM
     * cannot take the UTF-8 letter of that name (InvalidPathException), and the gateway was not restarted.
     */
    @Test
    void anUpgradeChecksAQuotedConfigWholeAndRestartsIntoIt() throws IOException {
        String log = read("upgrade.log");
        assertThat(facts.get("dbus.rc")).as("systemctl start dbus.socket: %s", read("dbus.log")).isEqualTo("0");
        assertThat(facts.get("upgrade.rc")).as("dpkg -i: %s", log).isEqualTo("0");
        assertThat(facts.get("manager.environment")).as("systemctl show-environment").contains("LANG=C.UTF-8");
        assertThat(log).contains("/etc/orderly/Zürich site.yaml: OK: gateway").doesNotContain("NOT restarted");
        assertThat(facts.get("upgrade.ActiveState")).as("journal: %s", read("journal.log")).isEqualTo("active");
        assertThat(facts.get("upgrade.MainPID")).as("restarted").isNotEqualTo(facts.get("upgrade.MainPID.before"));
        assertThat(facts.get("upgrade.cmdline")).contains("|--config|/etc/orderly/Zürich site.yaml|");
    }

    @Test
    void servesThePageAndTriesEverySocketAndTheSerialPort() throws IOException {
        assertThat(facts.get("web.status")).as("GET / on the local page").startsWith("HTTP/1.1 200");
        String journal = read("journal.log");
        assertThat(journal).as("journal").contains("polling bus room at tcp://127.0.0.1:502")
                .contains("polling bus garage-485 at rtu:/dev/ttyUSB7")
                .contains("pile p2: ").contains("local page on http://127.0.0.1:" + WEB_PORT);
        // Blocked system calls answer EPERM (SystemCallErrorNumber=), blocked address families EAFNOSUPPORT.
        assertThat(journal.lines()).as("journal").noneMatch(l -> l.contains("Operation not permitted")
                || l.contains("Address family not supported") || l.contains("Bad system call"));
    }

    /**
     * The RS-485 adapter as the service sees it: its device ACL, its /dev and its groups let it through to the driver,
     * which is absent here (ENXIO); EPERM would be the device ACL (DevicePolicy=, DeviceAllow=, and ProtectClock= on
     * older systemd; jSerialComm's "error 1" with DevicePolicy=closed and DeviceAllow=char-ttyUSB rw here, where no USB
     * serial driver is loaded), EACCES the group, ENOENT a private /dev.
     */
    @Test
    void theSerialAdapterIsReachable() throws IOException {
        // The JVM itself, under every part of its sandbox: jSerialComm's error is the errno of open().
        assertThat(read("journal.log")).as("journal")
                .contains("serial port /dev/ttyUSB8 is there but cannot be opened (error 6: no device behind it)");
        // A shell with the main process's credentials in its cgroup and mount namespace.
        assertThat(facts.get("serial.open")).isEqualTo("No such device or address");
        assertThat(facts.get("proc.Groups").split(" ")).as("the main process's groups")
                .contains(facts.get("gid.dialout"));
    }

    @Test
    void theSandboxIsInForce() {
        assertThat(facts).containsEntry("proc.NoNewPrivs", "1").containsEntry("proc.Seccomp", "2")
                .containsEntry("proc.CapEff", "0000000000000000")
                .containsEntry("proc.CapBnd", "0000000000000000")
                .containsEntry("proc.Umask", "0027");
        // The JVM raises its soft limit on open files to the hard one at start (MaxFDLimit): glibc's setrlimit() is
        // the prlimit64 call, which SystemCallFilter=~@resources (setrlimit) leaves it.
        String[] nofile = facts.get("limits.nofile").split(" ");
        assertThat(nofile[0]).as("Max open files, soft (hard %s)", nofile[1]).isEqualTo(nofile[1]);
    }

    @Test
    void exposureAsSystemdRatesTheRunningUnit() throws IOException {
        assertThat(facts.get("security.rc")).isEqualTo("0");
        assertThat(Exposure.overall(read("security.log"), "orderly.service")).as("systemd-analyze security: %s",
                read("security.log")).isLessThanOrEqualTo(MAX_EXPOSURE);
    }

    private static Path writeConfig(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/p2.psk"), "test-only-key-2\n");
        Files.write(dir.resolve("orderly.yaml"), List.of(
                "gatewayId: gw-unit-under-systemd",
                "compound:",
                "  transformer: { limitKw: 40, phaseVoltageV: 230 }",
                "  piles:",
                "    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: 5683, plain: true } } }",
                "    - { id: p2, phase: B, maxA: 16, driver: { coap: { host: 127.0.0.1, pskIdentity: p2, "
                        + "pskKeyFile: keys/p2.psk } } }",
                "meters:",
                "  transformer: { bus: room, unit: 1, map: eastron-sdm630 }",
                "  piles:",
                "    - { pile: p1, bus: garage-485, unit: 11, map: eastron-sdm120 }",
                "    - { pile: p2, bus: garage-645, dlt645: { address: \"000000000042\" } }",
                "buses:",
                "  - { name: room, tcp: { host: 127.0.0.1, port: 502 }, timing: { timeoutMs: 100, retries: 0 } }",
                "  - { name: garage-485, serial: { port: /dev/ttyUSB7, baud: 9600, parity: none }, "
                        + "timing: { timeoutMs: 100, retries: 0 } }",
                "  - { name: garage-645, protocol: dlt645, serial: { port: /dev/ttyUSB8 } }",
                "tariff:",
                "  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]",
                "control: { periodMs: 200 }",
                "store: { path: /var/lib/orderly/orderly.db }",
                "web: { bind: 127.0.0.1, port: " + WEB_PORT + ", usersFile: /var/lib/orderly/web-users.json }",
                "upstream: { broker: \"ssl://localhost:8883\" }"), StandardCharsets.UTF_8);
        return dir;
    }

    private String read(String name) throws IOException {
        Path file = out.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + name + ")";
    }
}
