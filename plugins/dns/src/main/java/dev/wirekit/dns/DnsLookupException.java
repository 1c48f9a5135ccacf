package dev.wirekit.dns;

import java.io.IOException;

/**
 * A server answered, but not with data: the name does not exist (NXDOMAIN), or every server
 * failed or refused (SERVFAIL, REFUSED...). The response is kept for inspection. (When no server
 * answers at all, the resolver throws {@link java.net.SocketTimeoutException} instead.)
 */
public final class DnsLookupException extends IOException {
    private final transient DnsResponse response;

    public DnsLookupException(String message, DnsResponse response) {
        super(message);
        this.response = response;
    }

    /** The response that ended the lookup. */
    public DnsResponse response() {
        return response;
    }

    /** Its response code: NXDOMAIN, SERVFAIL, REFUSED... */
    public ResponseCode rcode() {
        return response.message().rcode();
    }

    /** True when the name does not exist. */
    public boolean isNameError() {
        return rcode().equals(ResponseCode.NXDOMAIN);
    }
}
