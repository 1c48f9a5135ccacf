package dev.wirekit.proxy.internal;

import dev.wirekit.http.HttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Maps a failure to reach or hear from the upstream to the status a gateway answers with. */
final class UpstreamFailures {
    private UpstreamFailures() {}

    static HttpException map(IOException e, String upstream) {
        if (e instanceof ForbiddenDestinationException) {
            return new HttpException(403, e.getMessage());
        }
        if (e instanceof SocketTimeoutException) {
            return new HttpException(504, upstream + " did not answer in time", e);
        }
        if (e instanceof UnknownHostException) {
            return new HttpException(502, "cannot resolve " + upstream, e);
        }
        if (e instanceof ConnectException) {
            return new HttpException(502, upstream + " refused the connection", e);
        }
        if (e instanceof ProtocolException) {
            return new HttpException(502, upstream + " sent a malformed response", e);
        }
        return new HttpException(502, "the exchange with " + upstream + " failed: " + e.getMessage(), e);
    }
}
