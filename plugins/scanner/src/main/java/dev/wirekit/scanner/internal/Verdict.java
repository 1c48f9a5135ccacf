package dev.wirekit.scanner.internal;

import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.scanner.PortState;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed connection attempt says about the port: a state and nmap's word for why, or that
 * it may be worth another try, or that the failure is ours (no sockets left) and says nothing.
 *
 * @param state the port's state; null when the attempt says nothing about the port
 * @param reason why, in the words reports use
 * @param retry whether another attempt may give a different answer (nothing came back)
 */
record Verdict(PortState state, String reason, boolean retry) {
    static final Verdict OPEN = new Verdict(PortState.OPEN, "syn-ack", false);
    static final Verdict REFUSED = new Verdict(PortState.CLOSED, "conn-refused", false);
    static final Verdict NO_RESPONSE = new Verdict(PortState.FILTERED, "no-response", true);

    /** Whether the failure is local (out of sockets, the transport closed): the port was not tested. */
    boolean local() {
        return state == null;
    }

    static Verdict of(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof ConnectTimeoutException) {
            return NO_RESPONSE;
        }
        if (e instanceof ConnectException) {
            // the kernel's own give-up ("Connection timed out") is no answer too
            return e.getMessage() != null && e.getMessage().contains("timed out") ? NO_RESPONSE : REFUSED;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof NoRouteToHostException) {
            return new Verdict(PortState.FILTERED, "host-unreach", false);
        }
        if (e instanceof BindException) {
            // EACCES and EPERM surface as BindException: a local rule or a broadcast address.
            return message.contains("permission denied") || message.contains("not permitted")
                    ? new Verdict(PortState.FILTERED, "prohibited", false)
                    : new Verdict(null, describe(e), false);
        }
        if (e instanceof SocketException) {
            if (message.contains("network is unreachable")) {
                return new Verdict(PortState.FILTERED, "net-unreach", false);
            }
            if (message.contains("not permitted") || message.contains("permission denied")) {
                return new Verdict(PortState.FILTERED, "prohibited", false);
            }
            if (message.contains("connection reset")) {
                return REFUSED;
            }
        }
        return new Verdict(null, describe(e), false);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
