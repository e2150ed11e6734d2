package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operating system's error numbers in words. Permission denied, the installer's most common first failure (not in
 * the dialout group), cannot be made in a test that runs as root, where file modes do not keep a port shut: its
 * words are checked here, by number; the others also against real ports (UnopenableSerialPortTest,
 * SerialBusNotOpenedTest).
 */
class SerialPortNotOpenedTest {

    @ParameterizedTest(name = "error {0}")
    @CsvSource({
            "13, 'error 13: permission denied'", // EACCES: not in the dialout group
            "1, 'error 1: permission denied'", // EPERM: a device policy (systemd's DevicePolicy)
            "11, 'error 11: in use'", // EWOULDBLOCK: another program's lock (jSerialComm's)
            "16, 'error 16: in use'", // EBUSY: another user's exclusive open
            "6, 'error 6: no device behind it'", // ENXIO
            "19, 'error 19: no device behind it'", // ENODEV
            "21, 'error 21: a directory'", // EISDIR
            "25, 'error 25: not a serial device'", // ENOTTY
            "5, 'error 5'"}) // EIO: the number alone
    void saysTheErrorInWords(int errno, String said) {
        SerialPortNotOpened e = new SerialPortNotOpened("/dev/ttyUSB0", errno);

        assertThat(e.getMessage()).isEqualTo("serial port /dev/ttyUSB0 is there but cannot be opened (" + said + ")");
        assertThat(e.advice("--port", "this user", "the gateway service: stop it")).isEqualTo(e.getMessage()
                + "; check that --port names the RS-485 adapter (ls /dev/serial/by-id/ lists them), that this user may open "
                + "it (ls -l /dev/ttyUSB0: the dialout group) and that no other program holds it (the gateway service: stop it)");
    }

    /**
     * EINVAL: the port opened but would not take the baud rate, parity or stop bits (a pseudo-terminal takes no
     * parity). Until 2026-12-05 it was the number alone, and the advice sent the installer to the dialout group and
     * other programs, neither of which is the cause.
     */
    @Test
    void aPortThatWouldNotTakeTheLineSettingsSaysSoAndWhatToGiveIt() {
        SerialPortNotOpened e = new SerialPortNotOpened("/dev/pts/3", 22);

        assertThat(e.adviceForBus("room-645")).isEqualTo("serial port /dev/pts/3 is there but cannot be opened (error 22: it "
                + "would not take the line settings asked); check that the port of bus 'room-645' in the configuration names "
                + "the RS-485 adapter (ls /dev/serial/by-id/ lists them) and that it takes the baud rate, parity and stop "
                + "bits asked: a pseudo-terminal (socat, a serial port carried over the network) takes no parity (its first "
                + "open goes through with the parity left out, every later one is refused so), so give it parity none (the "
                + "converter at its far end keeps the meters' own)");
    }
}
