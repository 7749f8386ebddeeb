package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which client addresses are counted together. */
class LoginThrottleTest {

    @Test
    void anIpv4AddressIsCountedAlone() {
        assertThat(LoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.addressKey("192.0.2.8")).isEqualTo("192.0.2.8");
    }

    @Test
    void ipv6AddressesOfOneSlash64NetworkAreCountedTogetherInEveryNotation() {
        String network = "20010db800000001/64";
        assertThat(LoginThrottle.addressKey("2001:db8:0:1::1")).isEqualTo(network);
        assertThat(LoginThrottle.addressKey("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).isEqualTo(network);
        assertThat(LoginThrottle.addressKey("[2001:DB8:0:1::abcd]")).isEqualTo(network);
        assertThat(LoginThrottle.addressKey("2001:db8:0:2::1")).isEqualTo("20010db800000002/64");
    }

    @Test
    void anIpv4AddressMappedIntoIpv6IsCountedAsTheIpv4Address() {
        assertThat(LoginThrottle.addressKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void whatIsNotAnAddressIsCountedAsGivenAndNeverLookedUp() {
        assertThat(LoginThrottle.addressKey("unknown")).isEqualTo("unknown");
        assertThat(LoginThrottle.addressKey("localhost")).isEqualTo("localhost");
        assertThat(LoginThrottle.addressKey("1:2:3:4:5:6:7:8:9")).isEqualTo("1:2:3:4:5:6:7:8:9");
    }
}
