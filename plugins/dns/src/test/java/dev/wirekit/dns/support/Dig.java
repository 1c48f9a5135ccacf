package dev.wirekit.dns.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code dig} (Debian package bind9-dnsutils) run against a server, its output taken apart. */
public final class Dig {
    private Dig() {}

    public static void assumeInstalled() {
        assumeTrue(ExternalTool.available("dig"), "dig is not installed (Debian package bind9-dnsutils)");
    }

    /** One record line of dig's output. */
    public record Line(String name, long ttl, String type, String data) {}

    /** What dig printed. */
    public record Output(
            String raw,
            String status,
            List<String> flags,
            List<Line> answers,
            List<Line> authority,
            List<Line> additional,
            String protocol) {
        public List<String> answerData(String type) {
            return answers.stream()
                    .filter(l -> l.type.equals(type))
                    .map(Line::data)
                    .toList();
        }
    }

    /** Runs {@code dig @127.0.0.1 -p PORT ARGS...} with short timeouts. */
    public static Output query(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=5", "+tries=2"));
        cmd.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(cmd, 60);
        if (r.exitCode() != 0) {
            throw new AssertionError(
                    "dig " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.out() + r.err());
        }
        return parse(r.out());
    }

    static Output parse(String out) {
        String status = null;
        List<String> flags = List.of();
        List<Line> answers = new ArrayList<>();
        List<Line> authority = new ArrayList<>();
        List<Line> additional = new ArrayList<>();
        List<Line> section = null;
        String protocol = null;
        for (String line : out.split("\n")) {
            if (line.contains("->>HEADER<<-")) {
                // only the last header counts: dig prints one per try (UDP, then TCP after TC)
                status = line.replaceAll(".*status: ([A-Z0-9]+),.*", "$1");
                answers.clear();
                authority.clear();
                additional.clear();
            } else if (line.startsWith(";; flags:")) {
                String f = line.substring(";; flags:".length(), line.indexOf(';', 3))
                        .trim();
                flags = f.isEmpty() ? List.of() : List.of(f.split(" "));
            } else if (line.startsWith(";; ANSWER SECTION:")) {
                section = answers;
            } else if (line.startsWith(";; AUTHORITY SECTION:")) {
                section = authority;
            } else if (line.startsWith(";; ADDITIONAL SECTION:")) {
                section = additional;
            } else if (line.startsWith(";; SERVER:")) {
                protocol = line.replaceAll(".*\\((UDP|TCP)\\)\\s*$", "$1");
            } else if (line.isBlank() || line.startsWith(";")) {
                if (line.isBlank()) {
                    section = null;
                }
            } else if (section != null) {
                String[] p = line.split("\\s+", 5);
                section.add(new Line(p[0], Long.parseLong(p[1]), p[3], p.length > 4 ? p[4] : ""));
            }
        }
        return new Output(out, status, flags, answers, authority, additional, protocol);
    }
}
