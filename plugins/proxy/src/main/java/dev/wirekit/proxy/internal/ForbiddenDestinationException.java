package dev.wirekit.proxy.internal;

import java.io.IOException;

/** The proxy's policy refuses a destination: answered with 403. */
public final class ForbiddenDestinationException extends IOException {
    private static final long serialVersionUID = 1L;

    public ForbiddenDestinationException(String message) {
        super(message);
    }
}
