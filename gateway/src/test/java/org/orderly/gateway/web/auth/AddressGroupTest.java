package org.orderly.gateway.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses as text, parsed and never contacted (the IPv6 ones are documentation addresses, RFC 3849). */
class AddressGroupTest {
    @Test
    void anIpv4AddressIsItsOwnGroup() {
        assertThat(AddressGroup.of("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(AddressGroup.of("10.0.0.7")).isEqualTo("10.0.0.7");
    }

    @Test
    void anIpv6AddressCountsByItsSlashSixtyFourHoweverWritten() {
        String group = "2001:db8:1:2:0:0:0:0/64";
        assertThat(AddressGroup.of("2001:db8:1:2::1")).isEqualTo(group);
        assertThat(AddressGroup.of("2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF")).isEqualTo(group);
        assertThat(AddressGroup.of("[2001:db8:1:2:0:0:a:b]")).as("as Jetty writes a peer").isEqualTo(group);
        assertThat(AddressGroup.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(AddressGroup.of("::1")).isEqualTo("0:0:0:0:0:0:0:0/64");
        assertThat(AddressGroup.of("[0:0:0:0:0:0:0:1]")).isEqualTo("0:0:0:0:0:0:0:0/64");
    }

    @Test
    void aLinkLocalAddressCountsWithoutItsInterface() {
        assertThat(AddressGroup.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
        assertThat(AddressGroup.of("[fe80::2%2]")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
    }

    @Test
    void anIpv4AddressWrittenAsIpv6IsThatIpv4AddressNotTheGroupOfAllOfThem() {
        assertThat(AddressGroup.of("::ffff:127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(AddressGroup.of("::ffff:10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(AddressGroup.of("::ffff:a00:8")).isEqualTo("10.0.0.8");
        assertThat(AddressGroup.of("[::ffff:10.0.0.9]")).isEqualTo("10.0.0.9");
    }

    @Test
    void aTextThatIsNotAnAddressIsItsOwnGroupAndNeverLookedUp() {
        assertThat(AddressGroup.of("localhost")).isEqualTo("localhost");
        assertThat(AddressGroup.of("proxy.local")).isEqualTo("proxy.local");
        assertThat(AddressGroup.of("10.0.0.7:8080")).isEqualTo("10.0.0.7:8080");
        assertThat(AddressGroup.of("")).isEqualTo("");
    }
}
