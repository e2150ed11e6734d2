package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

/**
 * The page's line says what to change by what the system said. Until 2026-12-05 every cause ended "is the port taken
 * or the address not this machine's? change web.bind or web.port", after the system's own words had said which. A
 * taken port is met live in TakenWebPortFirstTest; an address not this machine's is not tried here (tests bind to
 * loopback only), so its words are checked from the exception the JDK gives for it.
 */
class WebBindExceptionTest {

    @Test
    void anAddressNotThisMachinesSaysToChangeWebBind() {
        WebBindException e = new WebBindException("192.168.1.10", 8080, new BindException("Cannot assign requested address"));

        assertThat(e.getMessage()).isEqualTo("local page: cannot listen on 192.168.1.10:8080 (Cannot assign requested "
                + "address); 192.168.1.10 is not an address of this machine (ip -br addr lists them): give web.bind one of "
                + "them, or 127.0.0.1");
    }

    /** Jetty's start wraps the JDK's exception: the cause is looked for along the chain. */
    @Test
    void aTakenPortWrappedByTheServerSaysToStopTheOtherOrChangeWebPort() {
        WebBindException e = new WebBindException("127.0.0.1", 8080, new IllegalStateException("Port already in use.",
                new IOException("Failed to bind", new BindException("Address already in use"))));

        assertThat(e.getMessage()).endsWith("; another program listens on port 8080 (ss -ltnp 'sport = :8080' names it): "
                + "stop it, or give web.port another port");
    }

    /**
     * The service runs as its own user without capabilities: {@code web.port: 80} is refused by the system. Checked from
     * the JDK's exception for it (the tests run as root here, which may bind port 80). Until 2026-12-06 the line asked
     * "is the port taken or the address not this machine's?".
     */
    @Test
    void aPrivilegedPortSaysToGiveOneAbove1023() {
        WebBindException e = new WebBindException("0.0.0.0", 80, new BindException("Permission denied"));

        assertThat(e.getMessage()).isEqualTo("local page: cannot listen on 0.0.0.0:80 (Permission denied); a port below"
                + " 1024 needs a privilege the gateway's service does not have: give web.port 1024 or above, e.g. 8080 (or"
                + " give the service CAP_NET_BIND_SERVICE in a drop-in)");
    }

    /** A web.bind name that does not resolve; until 2026-12-06 it asked whether the port was taken. */
    @Test
    void aNameThatDoesNotResolveSaysToGiveAnAddress() {
        WebBindException e = new WebBindException("gateway.lan", 8080,
                new java.net.UnknownHostException("gateway.lan: Name or service not known"));

        assertThat(e.getMessage()).isEqualTo("local page: cannot listen on gateway.lan:8080 (gateway.lan: Name or service"
                + " not known); web.bind gateway.lan is a name this machine does not resolve: give web.bind an address of"
                + " this machine (ip -br addr lists them), or 127.0.0.1");
    }

    @Test
    void anotherCauseKeepsTheQuestionOfBoth() {
        WebBindException e = new WebBindException("127.0.0.1", 8080, new IOException("Permission denied"));

        assertThat(e.getMessage()).endsWith("; is the port taken or the address not this machine's? change web.bind or "
                + "web.port");
    }
}
