package dev.wirekit.chat.internal;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.chat.IrcMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code AUTHENTICATE}: IRCv3 SASL 3.1 with the PLAIN (RFC 4616) and EXTERNAL (RFC 4422, a TLS client
 * certificate) mechanisms. Data arrives base64-encoded in 400-byte chunks; a chunk of exactly 400
 * bytes means more follow, {@code +} is an empty chunk, and {@code *} aborts.
 */
final class Sasl {
    static final String PLAIN = "PLAIN";
    static final String EXTERNAL = "EXTERNAL";
    private static final int CHUNK = 400;
    private static final int MAX_DATA = 4096;

    /** One client's exchange in progress. */
    static final class State {
        String mechanism;
        final StringBuilder data = new StringBuilder();

        boolean inProgress() {
            return mechanism != null;
        }

        void reset() {
            mechanism = null;
            data.setLength(0);
        }
    }

    private final Network network;
    private final Accounts accounts;
    private final Login login;

    Sasl(Network network, Accounts accounts, Login login) {
        this.network = network;
        this.accounts = accounts;
        this.login = login;
    }

    /** The mechanisms usable on {@code client}'s connection: PLAIN needs TLS unless allowed; EXTERNAL needs TLS. */
    static List<String> mechanisms(Network network, Client client) {
        List<String> m = new ArrayList<>(2);
        if (client.secure || network.config.allowPlaintextLogin()) {
            m.add(PLAIN);
        }
        if (client.secure) {
            m.add(EXTERNAL);
        }
        return m;
    }

    void authenticate(Client client, IrcMessage message) {
        State s = client.sasl;
        String arg = message.param(0);
        if (!client.has(Capabilities.SASL)) {
            network.reply(client, Numeric.ERR_SASLFAIL, "Request the sasl capability (CAP REQ :sasl) first");
            return;
        }
        if (client.account != null) {
            network.reply(client, Numeric.ERR_SASLALREADY, "You have already authenticated");
            return;
        }
        if (arg.equals("*")) {
            s.reset();
            network.reply(client, Numeric.ERR_SASLABORTED, "SASL authentication aborted");
            return;
        }
        if (!s.inProgress()) {
            start(client, arg.toUpperCase(Locale.ROOT));
            return;
        }
        if (arg.length() > CHUNK || s.data.length() + arg.length() > MAX_DATA) {
            s.reset();
            network.reply(client, Numeric.ERR_SASLTOOLONG, "SASL message too long");
            return;
        }
        if (!arg.equals("+")) {
            s.data.append(arg);
        }
        if (arg.length() == CHUNK) {
            return; // more to come
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(s.data.toString());
        } catch (IllegalArgumentException e) {
            fail(client, "The SASL data is not valid base64");
            return;
        } finally {
            s.data.setLength(0);
        }
        String mechanism = s.mechanism;
        s.reset();
        try {
            if (mechanism.equals(PLAIN)) {
                plain(client, payload);
            } else {
                external(client, payload);
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Called at CAP END (or QUIT) with an exchange unfinished: it is abandoned, and the client told. */
    void abandon(Client client) {
        if (client.sasl.inProgress()) {
            client.sasl.reset();
            network.reply(client, Numeric.ERR_SASLABORTED, "SASL authentication aborted");
        }
    }

    private void start(Client client, String mechanism) {
        List<String> available = mechanisms(network, client);
        if (!available.contains(mechanism)) {
            network.reply(client, Numeric.RPL_SASLMECHS, String.join(",", available), "are available SASL mechanisms");
            fail(client, "SASL mechanism " + mechanism + " is not available");
            return;
        }
        client.sasl.mechanism = mechanism;
        network.send(client, IrcMessage.of("AUTHENTICATE", "+"));
    }

    private void plain(Client client, byte[] payload) {
        int first = indexOf(payload, 0);
        int second = first < 0 ? -1 : indexOf(payload, first + 1);
        if (second < 0) {
            fail(client, "PLAIN needs authzid NUL authcid NUL password");
            return;
        }
        Optional<String> authzid = utf8(payload, 0, first);
        Optional<String> authcid = utf8(payload, first + 1, second);
        Optional<char[]> password = chars(payload, second + 1, payload.length);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) {
            fail(client, "The PLAIN credentials are not valid UTF-8");
            return;
        }
        String account = authcid.get();
        if (!authzid.get().isEmpty() && !Names.fold(authzid.get()).equals(Names.fold(account))) {
            PasswordHasher.wipe(password.get());
            fail(client, "Logging in as another account (authzid) is not allowed");
            return;
        }
        Login.Outcome outcome = login.password(client, account, password.get());
        if (outcome.result() == Login.Result.OK) {
            succeed(client, outcome.account());
        } else {
            fail(client, outcome.reason());
        }
    }

    private void external(Client client, byte[] payload) {
        Optional<String> authzid = utf8(payload, 0, payload.length);
        List<java.security.cert.X509Certificate> chain =
                client.session.security().map(SecurityInfo::peerCertificates).orElse(List.of());
        if (chain.isEmpty()) {
            fail(client, "EXTERNAL needs a TLS client certificate");
            return;
        }
        Optional<String> account = accounts.store.accountForCertificate(chain.get(0));
        if (account.isEmpty()) {
            fail(client, "Your certificate is not registered to any account");
            return;
        }
        if (authzid.isEmpty()
                || (!authzid.get().isEmpty() && !Names.fold(authzid.get()).equals(Names.fold(account.get())))) {
            fail(client, "Your certificate belongs to another account");
            return;
        }
        succeed(client, account.get());
    }

    private void succeed(Client client, String account) {
        login.loggedIn(client, account);
        network.reply(client, Numeric.RPL_SASLSUCCESS, "SASL authentication successful");
    }

    private void fail(Client client, String why) {
        network.reply(client, Numeric.ERR_SASLFAIL, "SASL authentication failed: " + why);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> utf8(byte[] b, int from, int to) {
        return chars(b, from, to).map(String::new);
    }

    private static Optional<char[]> chars(byte[] b, int from, int to) {
        try {
            CharBuffer c = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from));
            char[] out = new char[c.remaining()];
            c.get(out);
            if (c.hasArray()) {
                Arrays.fill(c.array(), '\0');
            }
            return Optional.of(out);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
