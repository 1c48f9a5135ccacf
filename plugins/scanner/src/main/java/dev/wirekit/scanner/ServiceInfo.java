package dev.wirekit.scanner;

import java.util.Objects;

/**
 * What runs on an open port.
 *
 * @param name the service ({@code ssh}, {@code http}, {@code smtp}, {@code tls} for a TLS service
 *     whose inner protocol was not recognised)
 * @param product the software, when the match table knows it ({@code OpenSSH}, {@code nginx}), or null
 * @param version its version ({@code 9.2p1}), or null
 * @param info more detail the service gave away ({@code protocol 2.0}), or null
 * @param tunnel {@code tls} when the service was found inside TLS, else null
 * @param method {@code probe} when a match-table rule recognised what the service said;
 *     {@code port} when it is only the usual name of the port number
 * @param evidence the exchange that identified it: {@code greeting}, {@code http}, or null for
 *     {@code method = port}
 */
public record ServiceInfo(
        String name, String product, String version, String info, String tunnel, String method, String evidence) {
    public ServiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
    }

    /** A service known only by its port number's usual name. */
    public static ServiceInfo fromPort(String name) {
        return new ServiceInfo(name, null, null, null, null, "port", null);
    }

    /** This service, found inside TLS. */
    public ServiceInfo overTls() {
        return new ServiceInfo(name, product, version, info, "tls", method, evidence);
    }

    /** {@code OpenSSH 9.2p1 (protocol 2.0)}: product, version and info, as far as known. */
    public String versionText() {
        StringBuilder out = new StringBuilder();
        if (product != null) {
            out.append(product);
        }
        if (version != null) {
            out.append(out.isEmpty() ? "" : " ").append(version);
        }
        if (info != null) {
            out.append(out.isEmpty() ? "" : " ").append('(').append(info).append(')');
        }
        return out.toString();
    }

    /** {@code ssh}, or {@code tls/http} for a service inside TLS. */
    public String displayName() {
        return tunnel == null ? name : tunnel + "/" + name;
    }
}
