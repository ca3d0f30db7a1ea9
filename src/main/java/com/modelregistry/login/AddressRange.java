package com.modelregistry.login;

import io.netty.util.NetUtil;

/** An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}), as the trusted-proxies setting lists them. */
final class AddressRange {

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Only literals: a host name here would make every login wait for DNS. */
    static AddressRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        byte[] network = ClientAddresses.literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("registry.auth.trusted-proxies: not an IP address or CIDR range: " + text);
        }
        int prefixLength = network.length * 8;
        if (slash >= 0) {
            try {
                prefixLength = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefixLength = -1;
            }
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException("registry.auth.trusted-proxies: bad prefix length in " + text);
            }
        }
        return new AddressRange(network, prefixLength);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int wholeBytes = prefixLength / 8;
        for (int i = 0; i < wholeBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - restBits);
        return (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
    }
}
