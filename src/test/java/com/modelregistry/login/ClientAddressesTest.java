package com.modelregistry.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses direct = new ClientAddresses(List.of());
    private final ClientAddresses behindProxies = new ClientAddresses(List.of(
            AddressRange.parse("10.0.0.0/8"), AddressRange.parse("192.0.2.7"), AddressRange.parse("fd00::/8")));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("198.51.100.1", direct.of("198.51.100.1", List.of("203.0.113.5")));
        assertEquals("10.1.1.1", direct.of("10.1.1.1", List.of("203.0.113.5")));
    }

    @Test
    void aPeerThatIsNotTrustedIsTheClientWhateverItForwards() {
        assertEquals("198.51.100.1", behindProxies.of("198.51.100.1", List.of("203.0.113.5")));
    }

    @Test
    void behindTrustedProxiesTheRightMostAddressNotTrustedIsTheClient() {
        assertEquals("203.0.113.5", behindProxies.of("10.0.0.2", List.of("203.0.113.5")));
        // the client wrote the first entry itself; the proxies appended the rest
        assertEquals("203.0.113.5", behindProxies.of("10.0.0.2", List.of("1.2.3.4, 203.0.113.5, 192.0.2.7")));
        assertEquals("203.0.113.5", behindProxies.of("10.0.0.2", List.of("1.2.3.4", "203.0.113.5,10.9.9.9")));
        assertEquals("10.3.3.3", behindProxies.of("10.0.0.2", List.of("10.3.3.3, 10.4.4.4")), "all trusted");
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", List.of()), "no header");
    }

    @Test
    void anUnreadableEntryStopsTheWalkAtTheLastTrustedHop() {
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", List.of("garbage")));
        assertEquals("10.4.4.4", behindProxies.of("10.0.0.2", List.of("203.0.113.5, unknown, 10.4.4.4")));
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", List.of("203.0.113.5, ")));
        assertEquals("10.0.0.2", behindProxies.of("10.0.0.2", List.of("example.com")), "no DNS lookup");
    }

    @Test
    void portsAndBracketsAreRead() {
        assertEquals("203.0.113.5", behindProxies.of("10.0.0.2", List.of("203.0.113.5:4711")));
        assertEquals("2001:db8:1:2::/64", behindProxies.of("10.0.0.2", List.of("[2001:db8:1:2::9]:443")));
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", direct.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", List.of()));
        assertEquals("2001:db8:1:2::/64", direct.of("2001:db8:1:2::1", List.of()));
        assertEquals("2001:db8:1:3::/64", direct.of("2001:db8:1:3::1", List.of()));
        assertEquals("198.51.100.1", direct.of("::ffff:198.51.100.1", List.of()), "IPv4-mapped is IPv4");
        assertEquals("203.0.113.5", behindProxies.of("fd12::1", List.of("203.0.113.5")), "an IPv6 proxy range");
    }

    @Test
    void aPeerWithoutAnIpAddressIsCountedAsUnknown() {
        assertEquals(ClientAddresses.UNKNOWN, direct.of(null, List.of("203.0.113.5")));
    }

    @Test
    void trustedProxiesAreAddressesOrRangesNeverNames() {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/x"));
        assertEquals("10.0.0.0/8", AddressRange.parse(" 10.0.0.0/8 ").toString());
    }
}
