package dev.wirekit.chat.internal;

import java.util.ArrayList;
import java.util.List;

/** The IRCv3 capabilities the server offers, and their {@code CAP LS} values. */
final class Capabilities {
    private Capabilities() {}

    static final String SASL = "sasl";
    static final String SERVER_TIME = "server-time";
    static final String ECHO_MESSAGE = "echo-message";
    static final String MULTI_PREFIX = "multi-prefix";
    static final String ACCOUNT_REGISTRATION = "draft/account-registration";

    /** What {@code client} may request: SASL only when a mechanism is usable on its connection. */
    static List<String> offered(Network network, Client client, boolean withValues) {
        List<String> caps = new ArrayList<>();
        List<String> mechanisms = Sasl.mechanisms(network, client);
        if (!mechanisms.isEmpty()) {
            caps.add(withValues ? SASL + "=" + String.join(",", mechanisms) : SASL);
        }
        caps.add(SERVER_TIME);
        caps.add(ECHO_MESSAGE);
        caps.add(MULTI_PREFIX);
        if (network.config.allowRegistration() && (client.secure || network.config.allowPlaintextLogin())) {
            caps.add(withValues ? ACCOUNT_REGISTRATION + "=before-connect" : ACCOUNT_REGISTRATION);
        }
        return caps;
    }

    /** The name of a capability without its value. */
    static String name(String token) {
        int eq = token.indexOf('=');
        return eq < 0 ? token : token.substring(0, eq);
    }
}
