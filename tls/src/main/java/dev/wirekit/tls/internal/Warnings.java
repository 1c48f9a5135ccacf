package dev.wirekit.tls.internal;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Security warnings about a configuration, logged once per configuration however many layers are
 * built from it (a server's TLS and DTLS layers share one).
 */
final class Warnings {
    private static final Set<Object> WARNED =
            Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    private Warnings() {}

    /** Logs {@code message} at WARNING unless it was already logged for {@code config} (by identity). */
    static void once(Object config, String message) {
        if (WARNED.add(config)) {
            ServerSide.LOG.log(System.Logger.Level.WARNING, message);
        }
    }
}
