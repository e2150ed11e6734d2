package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureClassifier;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * What {@code orderly modbus read} says of a Modbus TCP address that cannot be resolved, or that answers with what is
 * not Modbus TCP (a web server's port): not a serial line's baud rate or parity. The unresolvable name is not looked
 * up (a lookup may leave the machine): the exception j2mod's connect throws for one is classified here.
 */
class TcpReadAdviceTest {
    private static final BusEndpoint.Tcp HOST = new BusEndpoint.Tcp("nosuchhost.invalid", 502);

    @Test
    void aNameThatDoesNotResolveCannotBeReached() {
        Throwable thrown = new UnknownHostException("nosuchhost.invalid: Name or service not known");
        assertThat(FailureClassifier.classify(thrown)).isEqualTo(FailureKind.CONNECTION);
        FieldReadException e = new FieldReadException(FailureKind.CONNECTION, "tcp://nosuchhost.invalid:502 unit 1", thrown);
        assertThat(ReadAdvice.of(HOST, 1, "chint-dtsu666", List.of(e), 1).orElseThrow())
                .startsWith("cannot reach tcp://nosuchhost.invalid:502").contains("check --host and --tcp-port")
                .doesNotContain("baud");
    }

    /** The refusal once: until 2026-12-07 the line said {@code (connection: Connection refused)}. */
    @Test
    void aRefusedConnectionIsSaidInTheSystemsWordsOnly() {
        FieldReadException e = new FieldReadException(FailureKind.CONNECTION, "tcp://127.0.0.1:5998 unit 1 fc4 0x0000+2",
                new java.net.ConnectException("Connection refused"));
        assertThat(ReadAdvice.of(new BusEndpoint.Tcp("127.0.0.1", 5998), 1, "eastron-sdm630", List.of(e), 1).orElseThrow())
                .isEqualTo("cannot reach tcp://127.0.0.1:5998 (Connection refused); check --host and --tcp-port, and that "
                        + "the meter or its Modbus gateway is on");
    }

    @Test
    void garbledAnswersOverTcpAreNotModbusTcpNotABaudRate() {
        FieldReadException e = new FieldReadException(FailureKind.GARBLED, "tcp://127.0.0.1:8080 unit 1 fc3 0x0061+1",
                new IOException("Invalid length 12081"));
        String advice = ReadAdvice.of(new BusEndpoint.Tcp("127.0.0.1", 8080), 1, "chint-dtsu666", List.of(e), 1).orElseThrow();
        assertThat(advice).startsWith("tcp://127.0.0.1:8080 does not answer Modbus TCP: ")
                .contains("check --tcp-port").doesNotContain("baud").doesNotContain("parity");
    }
}
