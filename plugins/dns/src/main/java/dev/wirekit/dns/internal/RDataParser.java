package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Record data in master-file (presentation) form, for every type Wirekit models, plus RFC 3597 {@code \#}. */
final class RDataParser {
    private RDataParser() {}

    /**
     * The data of {@code type} written as {@code tokens}.
     *
     * @throws IllegalArgumentException saying which field is wrong
     */
    static RData parse(RecordType type, List<MasterFileLexer.Token> tokens, DnsName origin) {
        if (!tokens.isEmpty() && !tokens.get(0).quoted() && tokens.get(0).text().equals("\\#")) {
            return generic(type, tokens);
        }
        Fields f = new Fields(type, tokens, origin);
        RData data = switch (type.code()) {
            case 1 -> RData.A.of(f.word("address"));
            case 28 -> RData.Aaaa.of(f.word("address"));
            case 2 -> new RData.Ns(f.name("host"));
            case 5 -> new RData.Cname(f.name("target"));
            case 12 -> new RData.Ptr(f.name("target"));
            case 15 -> new RData.Mx(f.u16("preference"), f.name("exchange"));
            case 16 -> {
                List<byte[]> strings = new ArrayList<>();
                while (f.hasMore()) {
                    strings.add(f.string("text"));
                }
                if (strings.isEmpty()) {
                    throw new IllegalArgumentException("TXT needs at least one string");
                }
                yield new RData.Txt(strings);
            }
            case 6 ->
                new RData.Soa(
                        f.name("mname"),
                        f.name("rname"),
                        f.u32("serial"),
                        f.timer("refresh"),
                        f.timer("retry"),
                        f.timer("expire"),
                        f.timer("minimum"));
            case 33 -> new RData.Srv(f.u16("priority"), f.u16("weight"), f.u16("port"), f.name("target"));
            case 257 -> {
                int flags = f.u8("flags");
                String tag = f.word("tag");
                yield new RData.Caa(flags, tag, f.string("value"));
            }
            default ->
                throw new IllegalArgumentException(
                        type + " data must be written in the generic form \\# LENGTH HEX (RFC 3597)");
        };
        f.end();
        return data;
    }

    private static RData generic(RecordType type, List<MasterFileLexer.Token> tokens) {
        if (tokens.size() < 2) {
            throw new IllegalArgumentException("\\# needs a length");
        }
        int length;
        try {
            length = Integer.parseInt(tokens.get(1).text());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\\# length '" + tokens.get(1).text() + "' is not a number");
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 2; i < tokens.size(); i++) {
            hex.append(tokens.get(i).text());
        }
        byte[] data;
        try {
            data = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\\# data is not hexadecimal: " + e.getMessage());
        }
        if (data.length != length || length > 0xFFFF) {
            throw new IllegalArgumentException("\\# says " + length + " bytes but " + data.length + " follow");
        }
        return RDataCodec.standalone(type, data);
    }

    /** The data fields of one record, read left to right. */
    private static final class Fields {
        private final RecordType type;
        private final List<MasterFileLexer.Token> tokens;
        private final DnsName origin;
        private int next;

        Fields(RecordType type, List<MasterFileLexer.Token> tokens, DnsName origin) {
            this.type = type;
            this.tokens = tokens;
            this.origin = origin;
        }

        boolean hasMore() {
            return next < tokens.size();
        }

        private MasterFileLexer.Token take(String field) {
            if (next >= tokens.size()) {
                throw new IllegalArgumentException(type + " data is missing its " + field);
            }
            return tokens.get(next++);
        }

        String word(String field) {
            MasterFileLexer.Token t = take(field);
            return new String(Escapes.unescape(t.text()), java.nio.charset.StandardCharsets.UTF_8);
        }

        byte[] string(String field) {
            byte[] b = Escapes.unescape(take(field).text());
            if (b.length > 255) {
                throw new IllegalArgumentException(
                        type + " " + field + " string of " + b.length + " bytes is over 255");
            }
            return b;
        }

        DnsName name(String field) {
            String text = take(field).text();
            if (origin == null && !text.endsWith(".")) {
                throw new IllegalArgumentException(
                        "relative name '" + text + "' in the " + field + " of " + type + " but no $ORIGIN is set");
            }
            return origin == null ? DnsName.of(text) : DnsName.of(text, origin);
        }

        int u8(String field) {
            return (int) number(field, 255);
        }

        int u16(String field) {
            return (int) number(field, 0xFFFF);
        }

        long u32(String field) {
            return number(field, 0xFFFF_FFFFL);
        }

        long timer(String field) {
            String t = take(field).text();
            try {
                return Ttl.parse(t, 0xFFFF_FFFFL);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type + " " + field + ": " + e.getMessage());
            }
        }

        private long number(String field, long max) {
            String t = take(field).text();
            if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(type + " " + field + " '" + t + "' is not a number");
            }
            long v = Long.parseLong(t);
            if (v > max) {
                throw new IllegalArgumentException(type + " " + field + " " + v + " is over " + max);
            }
            return v;
        }

        void end() {
            if (next < tokens.size()) {
                throw new IllegalArgumentException(
                        "unexpected '" + tokens.get(next).text() + "' after the " + type + " data");
            }
        }
    }
}
