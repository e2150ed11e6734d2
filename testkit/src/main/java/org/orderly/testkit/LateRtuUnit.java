package org.orderly.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's test script late_rtu_unit.py (gateway/src/test/resources/field, beside dripping_rtu_meter.py, which it
 * imports) as one meter answering late on the slave end of a socat pty pair at 9600 baud: the rig of the gateway's,
 * the tools' and the firmware-bridge's tests of another unit's late reply. Its usage line says what {@code options}
 * take ({@code next}: each reply sent once the next request has been read, whatever the machine's load).
 */
public final class LateRtuUnit {
    /** Found from the working directory, a module's directory under Surefire, as the tools' DrippingRtuLine finds its script. */
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/late_rtu_unit.py").toAbsolutePath();

    private LateRtuUnit() {
    }

    /**
     * Starts the script as unit {@code unit} on {@code line}, logging to {@code log}, once it says it is ready.
     *
     * @param options the script's arguments after the unit: LATE_SECONDS, then SECONDS_PER_BYTE and EXCEPTION if given
     */
    public static ChildProcess start(SocatPair line, int unit, Path log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.require("python3-serial"), SCRIPT.toString(),
                line.slave.toString(), "9600", Integer.toString(unit)));
        command.addAll(List.of(options));
        return ChildProcess.startUntilLogged("late RTU unit " + unit, command, log, "ready", Duration.ofSeconds(30));
    }
}
