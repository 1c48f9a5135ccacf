package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsResolver;
import dev.wirekit.dns.DnsResponse;
import dev.wirekit.dns.RecordType;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.HostPort;
import dev.wirekit.spi.OptionValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The action of {@code wirekit dns lookup}. Exit codes follow dig: 0 when a response came
 * (whatever its status), 1 for a usage error, 9 when no server answered, 10 for other failures.
 */
public final class LookupCommand implements CommandSpec.Action {
    static final int OK = 0;
    static final int USAGE = 1;
    static final int NO_REPLY = 9;
    static final int FAILED = 10;
    private static final int DNS_PORT = 53;
    private static final int DOT_PORT = 853;

    private final InstantSource clock;

    public LookupCommand(InstantSource clock) {
        this.clock = clock;
    }

    /** What the user asked, once the arguments are sorted out. */
    record Request(DnsQuestion question, String server, List<String> words) {}

    @Override
    public int run(CommandContext context) throws Exception {
        OptionValues v = context.values();
        Request request;
        try {
            request = parse(v);
        } catch (IllegalArgumentException e) {
            context.err().println("wirekit dns lookup: " + e.getMessage());
            return USAGE;
        }
        boolean tls = !context.clientOptions().layers().isEmpty();
        boolean json = v.flag("json");
        DnsResolver.Builder b = DnsResolver.builder()
                .transport(context.transport())
                .timeout(v.duration("timeout"))
                .attempts(Math.max(1, v.integer("tries")))
                .tcpOnly(v.flag("tcp") || tls)
                .recursionDesired(!v.flag("norecurse"))
                .ednsPayloadSize(v.integer("bufsize"))
                .streamOptions(context.clientOptions())
                .clock(clock);
        try {
            if (request.server() != null) {
                b.server(server(context, request.server(), tls ? DOT_PORT : DNS_PORT));
            }
        } catch (IllegalArgumentException e) {
            context.err().println("wirekit dns lookup: " + e.getMessage());
            return USAGE;
        }
        long started = clock.millis();
        try (DnsResolver resolver = b.build()) {
            DnsResponse response = resolver.query(request.question());
            if (json) {
                context.out().println(JsonOutput.response(response, clock.instant()));
            } else {
                context.out().print(DigOutput.response(request.words(), response, clock.instant()));
            }
            return OK;
        } catch (SocketTimeoutException e) {
            report(context, json, ";; connection timed out; " + e.getMessage(), started);
            return NO_REPLY;
        } catch (IOException e) {
            report(context, json, ";; " + e.getMessage(), started);
            return FAILED;
        }
    }

    private void report(CommandContext context, boolean json, String message, long started) {
        if (json) {
            context.out().println(JsonOutput.error(message.substring(3), clock.millis() - started));
        } else {
            context.out().println(message);
        }
    }

    /** Sorts NAME, TYPE and @server out of the positional arguments. */
    static Request parse(OptionValues v) {
        List<String> words = new ArrayList<>();
        words.add(v.string("name"));
        words.addAll(v.list("args"));
        String name = null;
        String type = null;
        String server = null;
        for (String w : words) {
            if (w.startsWith("@")) {
                if (server != null) {
                    throw new IllegalArgumentException("two servers given: " + server + " and " + w.substring(1));
                }
                server = w.substring(1);
            } else if (name == null) {
                name = w;
            } else if (type == null) {
                type = w;
            } else {
                throw new IllegalArgumentException("unexpected argument '" + w + "' (expected NAME [TYPE] [@server])");
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("no name to look up");
        }
        InetAddress literal = IpLiterals.parse(name);
        boolean reverse = v.flag("reverse") || (literal != null && type == null);
        DnsName qname;
        RecordType qtype;
        if (reverse) {
            if (literal == null) {
                throw new IllegalArgumentException("--reverse needs an IP address, not '" + name + "'");
            }
            qname = DnsName.reverse(literal);
            qtype = type == null ? RecordType.PTR : RecordType.parse(type);
        } else {
            qname = DnsName.of(name);
            qtype = type == null ? RecordType.A : RecordType.parse(type);
        }
        return new Request(DnsQuestion.of(qname, qtype), server, words);
    }

    /** The server of {@code @host[:port]}; a host name is looked up with this plugin's own resolver. */
    private static InetSocketAddress server(CommandContext context, String spec, int defaultPort) {
        InetSocketAddress hp = HostPort.parse(spec, defaultPort);
        InetAddress ip = IpLiterals.parse(hp.getHostString());
        if (ip != null) {
            return new InetSocketAddress(ip, hp.getPort());
        }
        try (DnsResolver system =
                DnsResolver.builder().transport(context.transport()).build()) {
            List<InetAddress> found = system.lookupAll(hp.getHostString());
            if (found.isEmpty()) {
                throw new IllegalArgumentException("server " + hp.getHostString() + " has no address");
            }
            return new InetSocketAddress(found.get(0), hp.getPort());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot find server " + hp.getHostString() + ": " + e.getMessage(), e);
        }
    }
}
