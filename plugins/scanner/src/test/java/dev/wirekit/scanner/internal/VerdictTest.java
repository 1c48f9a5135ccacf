package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.scanner.PortState;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void whatEachFailureSaysAboutThePort() {
        assertEquals(Verdict.REFUSED, Verdict.of(new ConnectException("connection refused by /10.0.0.1:7")));
        assertEquals(Verdict.REFUSED, Verdict.of(new CompletionException(new ConnectException("Connection refused"))));
        assertEquals(Verdict.NO_RESPONSE, Verdict.of(new ConnectTimeoutException("timed out after PT1S")));
        assertEquals(Verdict.NO_RESPONSE, Verdict.of(new ConnectException("Connection timed out")));
        assertTrue(Verdict.NO_RESPONSE.retry());
        Verdict unreachable = Verdict.of(new NoRouteToHostException("No route to host"));
        assertEquals(PortState.FILTERED, unreachable.state());
        assertEquals("host-unreach", unreachable.reason());
        assertFalse(unreachable.retry());
        assertEquals(
                "net-unreach",
                Verdict.of(new SocketException("Network is unreachable")).reason());
        assertEquals(
                "prohibited",
                Verdict.of(new SocketException("Operation not permitted")).reason());
        assertEquals(
                "prohibited", Verdict.of(new BindException("Permission denied")).reason());
    }

    @Test
    void localFailuresSayNothingAboutThePort() {
        Verdict noFiles = Verdict.of(new IOException("Too many open files"));
        assertTrue(noFiles.local());
        assertNull(noFiles.state());
        assertEquals("Too many open files", noFiles.reason());
        assertTrue(
                Verdict.of(new BindException("Cannot assign requested address")).local());
    }
}
