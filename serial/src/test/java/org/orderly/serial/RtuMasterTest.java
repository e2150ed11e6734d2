package org.orderly.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.DeviceLocks;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.PtyNumberTaken;
import org.orderly.testkit.SocatPair;

/**
 * j2mod's transport opens a port closed under it (its disconnection listener's close, the adapter pulled out) again
 * itself, the port object made for the device then at the path; a request that comes just after the listener's close,
 * past its owner's look (the gateway's ModbusConnection, the firmware-bridge's MeterLink), meets that reopen.
 * {@link RtuMaster} refuses it, so the device number the kernel has since given another adapter is not opened (the
 * gateway's SerialPathRepointedTest, the bridge's MeterPathRepointedTest: the owner then makes a new master).
 */
class RtuMasterTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPortClosedUnderTheMasterIsNotReopenedByItsNextRequest() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, Files.createDirectories(dir.resolve("pulled-out")))) {
            Path device = line.master.toRealPath();
            String number = DeviceLocks.key(device);
            RtuMaster master = new RtuMaster(parameters(line.master), 300);
            try {
                master.connect();
                master.setRetries(1);
                assertThat(DeviceLocks.heldHere(number)).isTrue();

                line.pullOut();
                Await.until("the port of " + device + " closed under the master", Duration.ofSeconds(60),
                        () -> !master.isConnected());
                try (PtyNumberTaken other = new PtyNumberTaken(socat, dir, number)) {

                    Throwable refused = catchThrowable(() -> master.readInputRegisters(1, 0, 2));
                    assertThat(DeviceLocks.heldHere(number)).as("the master opened " + device
                            + " (the number of the adapter pulled out) again, now another's: " + refused).isFalse();
                    assertThat(refused).hasMessageContaining("is not reopened");
                }
            } finally {
                master.disconnect();
            }
        }
    }

    private static SerialParameters parameters(Path port) {
        SerialParameters p = new SerialParameters();
        p.setPortName(port.toString());
        p.setBaudRate(9600);
        p.setDatabits(8);
        p.setStopbits(1);
        p.setParity("none");
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }
}
