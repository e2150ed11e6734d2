package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.OrderlyCommand;

/**
 * The commands given no configuration ({@code modbus read}, {@code modbus scan}) read the installer's own maps from the
 * {@code devices} directory beside the installation's configuration, as the .deb's launcher names it
 * ({@code -Dorderly.config=/etc/orderly/orderly.yaml}; here a temporary directory in its place), with no
 * {@code --devices}, and say so. The meter is a DTSU666 sending the low word first (Debian's pymodbus), which only the
 * installer's copy with {@code order: little}, made as {@code modbus scan} advises, reads right. Until 2026-12-05 these
 * commands read own maps only with {@code --devices DIR}: {@code modbus read --map own-dtsu666} said "no register map
 * 'own-dtsu666'", and the scan did not try it.
 */
@Timeout(120)
class OwnMapsWithoutConfigTest {
    private static final Path SHIPPED = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * The installer's map, in devices/ beside the installation's configuration (etc-orderly/ in place of /etc/orderly).
     */
    private Path own() {
        return dir.resolve("etc-orderly").resolve("devices").resolve("own-dtsu666.yaml");
    }

    /** The installer's copy of the shipped DTSU666 map, words swapped, as {@link #own}. */
    private Path ownMap() throws Exception {
        String shipped = Files.readString(SHIPPED.resolve("chint-dtsu666.yaml"));
        assertThat(shipped).contains("  order: big\n");
        Files.createDirectories(own().getParent());
        return Files.writeString(own(), shipped.replace("  order: big\n", "  order: little\n"));
    }

    /** pymodbus serving, at {@code unit}, a meter that only the installer's map (written here) reads right. */
    private ModbusSim served(int unit, int port) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        return ModbusSim.tcp(python, dir, ModbusSim.units(unit, RegisterMapLoader.load(ownMap())), port);
    }

    /**
     * {@code orderly modbus ARGS} with the line's settings, in a JVM of its own launched as the .deb's launcher does
     * (the installation's configuration named), to its exit 0; its output.
     */
    private String modbus(int port, String... args) throws Exception {
        Path installed = dir.resolve("etc-orderly").resolve("orderly.yaml");
        List<String> command = new ArrayList<>(List.of("modbus"));
        command.addAll(List.of(args));
        command.addAll(List.of("--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--timeout-ms", "2000"));
        try (ChildProcess child = ChildProcess.startJava("orderly", dir,
                List.of("-D" + DevicesOption.INSTALLED_CONFIG + "=" + installed), OrderlyCommand.class.getName(),
                command,
                dir.resolve("orderly.log"))) {
            int exit = child.awaitExit(Duration.ofSeconds(90));
            assertThat(exit).as(child.log()).isZero();
            return child.log();
        }
    }

    @Test
    void modbusReadFindsTheInstallersMapBesideTheInstalledConfigurationAndSaysSo() throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = served(1, port)) {
            String out = modbus(port, "read", "--unit", "1", "--map", "own-dtsu666");

            assertThat(out.lines()).contains("register map 'own-dtsu666': " + own() + ", your own");
            assertThat(out).containsPattern("voltage.a.v\\s+230.500\\s+V");
        }
    }

    @Test
    void modbusScanTriesTheInstallersMapsBesideTheInstalledConfigurationAndSaysWhichItTried() throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = served(4, port)) {
            String out = modbus(port, "scan", "--units", "4-4");

            assertThat(out.lines()).contains("own maps from " + own().getParent() + ": own-dtsu666");
            assertThat(out.lines().filter(l -> l.startsWith("tcp://"))).singleElement().asString()
                    .matches("tcp://127.0.0.1:" + port
                            + "\\s+4\\s+Chint DTSU666\\s+own-dtsu666\\s+voltage.a.v=230.50 .*");
        }
    }
}
