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
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * Installs the built .deb with the real dpkg into a throwaway root (an overlay of this machine's / in a private
 * mount namespace; see install-in-throwaway-root.sh), then checks the files, the unit, the user, a reinstall and a
 * purge. The maintainer scripts run for real, with the real adduser; nothing reaches the host. A meter on 127.0.0.1
 * ({@link #METER}) is read by the installed command with maps of the installer's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebInstallIT {
    private static final Path TARGET = Path.of("target");
    /** What the meter's voltage register holds: 230.5 V in the maps' 0.1 V. */
    private static final float METER = 2305f;
    private Map<String, String> facts;
    private Path out;

    @BeforeAll
    void installIntoAThrowawayRoot() throws Exception {
        HostTools.require("unshare:util-linux", "chroot:coreutils", "dpkg:dpkg", "adduser:adduser",
                "systemd-analyze:systemd");
        Path deb;
        try (Stream<Path> files = Files.list(TARGET)) {
            deb = files.filter(p -> p.getFileName().toString().matches("orderly_.+_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no orderly_*_all.deb in " + TARGET.toAbsolutePath()
                            + "; run mvn package"));
        }
        out = Files.createTempDirectory(TARGET, "deb-install-");
        Path script = Path.of("src/test/resources/install-in-throwaway-root.sh");
        Process p;
        try (ScriptedModbusTcp meter = new ScriptedModbusTcp((request, reply) -> reply.write(
                request.reply(ScriptedModbusTcp.Request.float32(METER))))) {
            p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--fork",
                    "bash", script.toString(), deb.toString(), out.toString(), Integer.toString(meter.port()))
                    .redirectErrorStream(true).redirectOutput(out.resolve("script.log").toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("install script did not finish in 5 minutes; see "
                        + out.resolve("script.log"));
            }
        }
        assertThat(p.exitValue()).as("install script (log %s): %s", out.resolve("script.log"), read("script.log"))
                .isZero();
        facts = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("facts"))) {
            int eq = line.indexOf('=');
            facts.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    @Test
    void installsWithItsMaintainerScriptsAndCreatesTheSystemUser() throws IOException {
        assertThat(facts.get("user.before")).as("the throwaway root must start without the user").isEmpty();
        assertThat(facts.get("install.rc")).as("dpkg -i: %s", read("install.log")).isEqualTo("0");
        assertThat(facts.get("status")).isEqualTo("install ok installed");

        String[] passwd = facts.get("user.passwd").split(":");
        assertThat(passwd[0]).isEqualTo("orderly");
        assertThat(Integer.parseInt(passwd[2])).as("a system uid").isLessThan(1000);
        assertThat(passwd[5]).isEqualTo("/var/lib/orderly");
        assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
        assertThat(facts.get("user.group")).startsWith("orderly:");
    }

    @Test
    void configurationIsAConffileReadableOnlyByRootAndTheServiceAndDataBelongsToTheService() {
        assertThat(facts.get("conffiles").trim()).isEqualTo("/etc/orderly/orderly.yaml");
        assertThat(facts.get("stat:/etc/orderly")).isEqualTo("directory root:orderly 750");
        assertThat(facts.get("stat:/etc/orderly/orderly.yaml")).isEqualTo("regular file root:orderly 640");
        assertThat(facts.get("stat:/var/lib/orderly")).isEqualTo("directory orderly:orderly 750");
        assertThat(facts.get("stat:/usr/bin/orderly")).isEqualTo("regular file root:root 755");
        assertThat(facts.get("stat:/usr/share/orderly/orderly.jar")).isEqualTo("regular file root:root 644");
        assertThat(facts.get("stat:/usr/share/orderly/config/devices/chint-dtsu666.yaml"))
                .isEqualTo("regular file root:root 644");
        assertThat(facts.get("user.writes.data")).as("orderly may write /var/lib/orderly").isEqualTo("0");
        assertThat(facts.get("user.writes.config")).as("orderly may not write /etc/orderly").isNotEqualTo("0");
    }

    @Test
    void theServiceUserRunsTheInstalledCommand() throws IOException {
        assertThat(facts.get("version.rc")).as("orderly --version as the user orderly: %s", read("version.log"))
                .isEqualTo("0");
        assertThat(facts.get("version")).startsWith("orderly ");
    }

    /**
     * The installed {@code orderly modbus read}, given no configuration and no {@code --devices}, reads a map that is
     * only in /etc/orderly/devices, beside the installation's configuration the launcher names
     * ({@code -Dorderly.config=/etc/orderly/orderly.yaml}), says so, and reads the meter with it. Until 2026-12-05 such
     * a command read the installer's maps only with {@code --devices}: "no register map 'own-meter'".
     */
    @Test
    void aCommandGivenNoConfigurationReadsTheInstallersMapInEtcOrderlyDevices() throws IOException {
        String log = read("own.read.log");
        assertThat(facts.get("own.read.rc")).as("orderly modbus read --map own-meter: %s", log).isEqualTo("0");
        assertThat(log.lines()).contains("register map 'own-meter': /etc/orderly/devices/own-meter.yaml, your own",
                "Own meter at unit 1 on tcp://127.0.0.1:" + facts.get("meter.port"));
        assertThat(log).containsPattern("voltage.a.v\\s+230.500\\s+V");
    }

    /**
     * ORDERLY_JAVA_OPTS comes after the launcher's own -D options and the JVM keeps the last: a user's
     * {@code -Dorderly.config} wins, and its devices/ are read. Until 2026-12-05 it came before, and was replaced.
     */
    @Test
    void aUsersOrderlyConfigInOrderlyJavaOptsWinsOverTheLaunchers() throws IOException {
        String log = read("site.read.log");
        assertThat(facts.get("site.read.rc")).as("ORDERLY_JAVA_OPTS=-Dorderly.config=/etc/orderly/site/orderly.yaml "
                + "orderly modbus read --map site-meter: %s", log).isEqualTo("0");
        assertThat(log.lines()).contains(
                "register map 'site-meter': /etc/orderly/site/devices/site-meter.yaml, your own");
    }

    @Test
    void theUnitIsValidWatchedAndNotEnabledBehindTheAdminsBack() throws IOException {
        assertThat(facts.get("stat:/lib/systemd/system/orderly.service")).isEqualTo("regular file root:root 644");
        assertThat(facts.get("verify.rc")).as("systemd-analyze verify: %s", read("verify.log")).isEqualTo("0");
        assertThat(read("verify.log")).as("systemd-analyze verify warnings").isBlank();
        assertThat(facts.get("enabled")).isEqualTo("disabled");

        List<String> unit = Files.readAllLines(out.resolve("installed/orderly.service"));
        assertThat(unit).contains("Type=notify", "User=orderly", "Group=orderly", "Restart=on-failure",
                "StateDirectory=orderly", "ExecStart=/usr/bin/orderly run --config /etc/orderly/orderly.yaml");
        assertThat(unit).anyMatch(l -> l.matches("WatchdogSec=\\d+s"));
        // Ordered after the clock's synchronisation, never made to wait for it (docs/operations.md, "The clock").
        assertThat(unit).contains("After=time-sync.target").noneMatch(l -> l.startsWith("Wants=time-sync")
                || l.startsWith("Requires=time-sync"));
        // The stop's parts at their worst add up to about 114 s (docs/operations.md, "The stop budget"): systemd's
        // default 90 s would SIGKILL such a stop (until 2026-12-06 the unit left it at that).
        assertThat(unit).as("TimeoutStopSec= at or above the stop budget").anyMatch(l -> l.matches("TimeoutStopSec=\\d+s")
                && Integer.parseInt(l.substring("TimeoutStopSec=".length(), l.length() - 1)) >= 150);
    }

    /** As an installer checks it: {@code systemd-analyze security} of the unit (docs/operations.md, "The sandbox"). */
    @Test
    void theUnitIsHardened() throws IOException {
        assertThat(facts.get("security.rc")).as("systemd-analyze security --offline: %s", read("security.log"))
                .isEqualTo("0");
        assertThat(Exposure.overall(read("security.log"), "orderly.service")).as("%s", read("security.log"))
                .isLessThanOrEqualTo(UnitUnderSystemdIT.MAX_EXPOSURE);
    }

    @Test
    void thePackagedConfigurationIsValidAndStoresUnderVarLib() throws Exception {
        // The example names five piles' pre-shared key files; the installer puts the compound's keys beside it.
        Path keys = Files.createDirectories(out.resolve("installed/keys"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(keys.resolve("p0" + i + ".psk"), "test-only-key-" + i + "\n");
        }
        GatewayConfig config = ConfigLoader.load(out.resolve("installed/orderly.yaml"), out.resolve("installed/devices"));
        assertThat(config.store().path()).isEqualTo(Path.of("/var/lib/orderly/orderly.db"));
        // The service may write only its StateDirectory (ProtectSystem=strict; /etc/orderly is root's): the page's
        // accounts beside the configuration could never be saved, and the setup link would fail every time.
        assertThat(config.web().usersFile()).isEqualTo(Path.of("/var/lib/orderly/web-users.json"));
    }

    /**
     * A gateway in a transformer room has no web access: the licence is where Debian keeps it and the docs the packaged
     * configuration points to are installed, at the path it names. Until 2026-12-03 the package had no
     * /usr/share/doc/orderly and the configuration said "Keys are explained in docs/operations.md".
     */
    @Test
    void theLicenceAndTheDocsAreInstalledWhereTheConfigurationSays() throws IOException {
        assertThat(facts.get("stat:/usr/share/doc/orderly/copyright")).isEqualTo("regular file root:root 644");
        assertThat(facts.get("stat:/usr/share/doc/orderly/README.md")).isEqualTo("regular file root:root 644");
        assertThat(facts.get("stat:/usr/share/doc/orderly/docs/operations.md")).isEqualTo("regular file root:root 644");
        assertThat(read("installed/copyright")).contains("License: Apache-2.0")
                .contains("/usr/share/common-licenses/Apache-2.0");
        assertThat(read("installed/orderly.yaml"))
                .contains("# Keys are explained in /usr/share/doc/orderly/docs/operations.md.")
                .doesNotContain("explained in docs/");
        assertThat(read("installed/operations.md")).as("the docs the configuration names")
                .isEqualTo(Files.readString(Path.of("../../docs/operations.md"), StandardCharsets.UTF_8));
    }

    /**
     * An upgrade while the gateway runs checks the configuration with the new build, as the unit would start it (its
     * --config and a drop-in's --devices, as the service's user), and restarts only if it passes. Until 2026-12-05 the
     * postinst ran {@code systemctl try-restart} unchecked: a configuration the new build refused left the gateway
     * stopped (exit 2), every pile on its safe current, and the upgrade said only "restart after upgrade failed".
     */
    @Test
    void anUpgradeWhoseConfigurationTheNewBuildRefusesLeavesTheOldGatewayRunningAndSaysSo() throws IOException {
        for (String refused : List.of("upgrade.refused", "upgrade.refused.devices")) {
            assertLeftRunning(refused);
        }
        assertThat(read("upgrade.refused.log")).as("check-config's own lines, as the service's user")
                .contains("/etc/orderly/orderly.yaml:").contains("p01.psk");
        assertThat(read("upgrade.refused.devices.log")).as("the drop-in's --devices").contains("no-such-devices");

        assertRestartedInto("upgrade.accepted");
    }

    /**
     * The check runs as systemd would start the unit, from {@code systemctl show} (drop-ins merged): the groups its
     * SupplementaryGroups= adds (a key readable through dialout only), its Environment= and EnvironmentFile= (the
     * latter winning) expanded in ExecStart's ${NAME} and $NAME, and its WorkingDirectory= for a relative --config.
     * Until 2026-12-05 the postinst ran check-config with the user's own groups, none of the unit's environment and
     * ExecStart's words as written, so such a unit was refused (never restarted into) though the service would start.
     */
    @Test
    void anUpgradeChecksTheConfigurationWithTheUnitsGroupsEnvironmentAndWorkingDirectory() throws IOException {
        assertRestartedInto("upgrade.accepted");
        assertRestartedInto("upgrade.environment");
        assertThat(read("upgrade.environment.log")).as("the EnvironmentFile='s configuration, in WorkingDirectory=")
                .contains("site.yaml: OK: gateway");

        assertLeftRunning("upgrade.refused.groups");
        assertLeftRunning("upgrade.refused.environmentfile");
        assertThat(read("upgrade.refused.groups.log")).as("without SupplementaryGroups=").contains("p01.psk");
        assertThat(read("upgrade.refused.environmentfile.log")).contains("orderly: EnvironmentFile="
                + "/etc/default/orderly-missing cannot be read, so the service would not start")
                .contains("orderly: the service could not be started as its unit says (above)")
                .doesNotContain("Fix what 'orderly check-config");
    }

    /**
     * ExecStart's arguments are systemd's own, each whole: a drop-in's {@code --config "/etc/orderly/my site.yaml"}
     * is one argument, read from the D-Bus property (busctl), since systemctl show (systemd 252) prints them joined by
     * spaces, unquoted. Until 2026-12-05 the postinst split them there, so such a unit was refused, never restarted
     * into. Without the system bus it cannot tell such a unit's arguments apart, and says so in one line instead of
     * checking the wrong ones.
     */
    @Test
    void anUpgradeChecksExecStartsArgumentsWholeAsSystemdHoldsThem() throws IOException {
        assertRestartedInto("upgrade.quoted");
        assertThat(read("upgrade.quoted.log")).as("the quoted --config, whole").contains("my site.yaml: OK: gateway");

        assertLeftRunning("upgrade.quoted.nobus");
        assertThat(read("upgrade.quoted.nobus.log").lines().filter(l -> l.startsWith("orderly:")).toList())
                .as("one line, and no check of split arguments").containsExactly("orderly: an ExecStart= of "
                        + "orderly.service quotes or escapes an argument (or names a %-specifier), which systemctl "
                        + "show prints split at its spaces, and the D-Bus system bus that gives it whole (busctl) is "
                        + "not running: the new build's check could not be run as the service would start, so the "
                        + "running gateway was NOT restarted: it goes on running the old build until its next start. "
                        + "Run 'orderly check-config' with the unit's arguments as its user, then: systemctl restart "
                        + "orderly");
        assertThat(read("upgrade.quoted.nobus.log")).doesNotContain("check-config:").doesNotContain("OK: gateway");
    }

    /**
     * The check's environment starts with the service manager's own ({@code systemctl show-environment}, as systemd
     * 252 prints it), which systemd gives every service before the unit's Environment=: here LANG=C.UTF-8, none in
     * the unit, and a --config whose name has a UTF-8 letter. Until 2026-12-05 the check ran without it, in the C
     * locale, where the JVM cannot take that name (InvalidPathException): the gateway was never restarted into the new
     * build although systemd would have started it.
     */
    @Test
    void anUpgradeChecksInTheServiceManagersEnvironmentFirst() throws IOException {
        assertRestartedInto("upgrade.manager.locale");
        assertThat(read("upgrade.manager.locale.log")).contains("/etc/orderly/Zürich.yaml: OK: gateway");
    }

    /**
     * ExecStart's prefixes as systemd applies them (systemd.service(5), "Command lines"; the flags of ExecStartEx):
     * ":" passes ${SITE} as written (from busctl and from systemctl show alone), "@" names argv[0] after the path,
     * "+" and "!" start the gateway as root, "!!" and "-" change nothing of User=, Group= and SupplementaryGroups=.
     * Until 2026-12-05 the check expanded ${SITE} after ":", took "@"'s argv[0] for the command (and so checked
     * /etc/orderly/orderly.yaml instead, with a note) and ran "+" and "!" as the unit's user.
     */
    @Test
    void anUpgradeHonoursExecStartsPrefixesAsSystemdDoes() throws IOException {
        for (String name : List.of("upgrade.prefix.noexpand", "upgrade.prefix.noexpand.nobus")) {
            assertRestartedInto(name);
            assertThat(read(name + ".log")).contains("/etc/orderly/${SITE}.yaml: OK: gateway");
        }
        assertRestartedInto("upgrade.prefix.argv0");
        assertThat(read("upgrade.prefix.argv0.log")).contains("/etc/orderly/site.yaml: OK: gateway");
        assertRestartedInto("upgrade.prefix.privileged");
        assertRestartedInto("upgrade.prefix.nosetuid");
        for (String name : List.of("upgrade.prefix.ambient", "upgrade.prefix.ignore")) {
            assertLeftRunning(name);
            assertThat(read(name + ".log")).as("without SupplementaryGroups=, as the user").contains("p01.psk");
        }
    }

    @Test
    void reinstallKeepsTheAdminsEditAndPurgeRemovesAllButTheUser() throws IOException {
        assertThat(facts.get("reinstall.rc")).as("reinstall: %s", read("reinstall.log")).isEqualTo("0");
        assertThat(facts.get("reinstall.keeps.edit")).isEqualTo("1");
        assertThat(facts.get("purge.rc")).as("purge: %s", read("purge.log")).isEqualTo("0");
        assertThat(facts).containsEntry("after.purge:/usr/share/orderly", "absent")
                .containsEntry("after.purge:/usr/share/doc/orderly", "absent")
                .containsEntry("after.purge:/usr/bin/orderly", "absent")
                .containsEntry("after.purge:/lib/systemd/system/orderly.service", "absent")
                .containsEntry("after.purge:/etc/orderly", "absent")
                .containsEntry("after.purge:/var/lib/orderly", "absent");
        assertThat(facts.get("user.after.purge")).as("the system user is kept").startsWith("orderly:");
    }

    /** The upgrade NAME configured the package and left the running gateway alone, saying so. */
    private void assertLeftRunning(String name) throws IOException {
        String log = read(name + ".log");
        assertThat(facts.get(name + ".rc")).as("dpkg -i: %s", log).isEqualTo("0");
        assertThat(facts.get(name + ".status")).as("configured, not half-configured: %s", log)
                .isEqualTo("install ok installed");
        assertThat(facts.get(name + ".calls")).as("systemctl calls; dpkg said: %s", log)
                .doesNotContain("try-restart").contains("is-active --quiet orderly.service");
        assertThat(log).contains("the running gateway was NOT restarted: it goes on running the old build")
                .contains("systemctl restart orderly");
    }

    /** The upgrade NAME's check passed with nothing left out, and the gateway was restarted into the new build. */
    private void assertRestartedInto(String name) throws IOException {
        String log = read(name + ".log");
        assertThat(facts.get(name + ".rc")).as("dpkg -i: %s", log).isEqualTo("0");
        assertThat(facts.get(name + ".calls")).as("systemctl calls; dpkg said: %s", log)
                .endsWith("try-restart orderly.service");
        assertThat(log).contains(": OK: gateway").doesNotContain("NOT restarted").doesNotContain("note:");
    }

    private String read(String name) throws IOException {
        Path file = out.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + name + ")";
    }
}
