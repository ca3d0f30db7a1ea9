package com.modelregistry.login;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client address that logins are counted against. It is the connection's peer, unless that peer is one of the
 * trusted proxies: then it is the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy, the
 * address the trusted proxies saw (the entries to its left are whatever the client wrote). An IPv6 client is counted
 * by its /64, which one subscriber usually holds whole.
 */
@ApplicationScoped
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** A peer without an IP address (a Unix domain socket). */
    static final String UNKNOWN = "unknown";

    private final List<AddressRange> trustedProxies;

    @Inject
    ClientAddresses(@ConfigProperty(name = "registry.auth.trusted-proxies") Optional<List<String>> trustedProxies) {
        this(trustedProxies.orElse(List.of()).stream().map(AddressRange::parse).toList());
    }

    ClientAddresses(List<AddressRange> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return of(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR));
    }

    String of(String peer, List<String> forwardedFor) {
        byte[] client = literal(peer);
        if (client == null) {
            return UNKNOWN;
        }
        if (isTrusted(client)) {
            List<String> hops = new ArrayList<>();
            forwardedFor.forEach(header -> hops.addAll(Arrays.asList(header.split(",", -1))));
            for (int i = hops.size() - 1; i >= 0; i--) {
                byte[] hop = literal(hops.get(i));
                if (hop == null) {
                    // unreadable: the chain can be believed no further than the trusted proxy that passed it on
                    break;
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private boolean isTrusted(byte[] address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The bytes of an IP literal (4 for IPv4, 16 for IPv6; an IPv4-mapped IPv6 address as IPv4), allowing a port
     * ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443}) as some proxies write them; null for anything else.
     */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String address = text.strip();
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return null;
            }
            address = address.substring(1, close);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
    }

    private static String key(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        byte[] network = Arrays.copyOf(Arrays.copyOf(address, 8), 16);
        return NetUtil.bytesToIpAddress(network) + "/64";
    }
}
