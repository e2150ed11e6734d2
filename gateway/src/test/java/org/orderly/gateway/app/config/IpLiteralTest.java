package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralTest {
    @Test
    void anAddressIsWrittenInJavasForm() {
        assertThat(IpLiteral.normalized(" 127.0.0.1 ")).isEqualTo("127.0.0.1");
        assertThat(IpLiteral.normalized("::1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(IpLiteral.normalized("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(IpLiteral.normalized("2001:DB8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.normalized("[::1]")).as("as Jetty writes a peer's address").isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void namesAndMalformedAddressesAreNotAddresses() {
        assertThat(IpLiteral.normalized("localhost")).as("never looked up").isNull();
        assertThat(IpLiteral.normalized("proxy.example")).isNull();
        assertThat(IpLiteral.normalized("256.1.1.1")).isNull();
        assertThat(IpLiteral.normalized("1.2.3")).isNull();
        assertThat(IpLiteral.normalized("01.2.3.4")).isNull();
        assertThat(IpLiteral.normalized("1.2.3.4:80")).isNull();
        assertThat(IpLiteral.normalized("[1.2.3.4]")).isEqualTo("1.2.3.4");
        assertThat(IpLiteral.normalized("[::1]:80")).isNull();
        assertThat(IpLiteral.normalized("")).isNull();
        assertThat(IpLiteral.normalized(null)).isNull();
    }
}
