package dev.wirekit.dns.support;

import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.Edns;
import dev.wirekit.dns.EdnsOption;
import dev.wirekit.dns.Opcode;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordClass;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import dev.wirekit.testkit.property.Generator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random well-formed DNS messages for property tests: every modelled record type plus opaque ones,
 * names that share suffixes (so compression is exercised) and odd bytes in labels, optional EDNS
 * with options and extended response codes. Shrinks by dropping records and questions.
 */
public final class MessageGenerator implements Generator<DnsMessage> {
    private static final Set<Integer> MODELLED = Set.of(1, 2, 5, 6, 12, 15, 16, 28, 33, 41, 257);
    private static final String[] WORDS = {"example", "com", "www", "mail", "a", "test", "x-y", "_tcp", "_sip", "*"};

    @Override
    public DnsMessage next(SplittableRandom r, int size) {
        List<DnsName> pool = namePool(r);
        DnsMessage.Builder b = DnsMessage.builder()
                .id(r.nextInt(0x10000))
                .response(r.nextBoolean())
                .opcode(Opcode.of(r.nextInt(16)))
                .authoritative(r.nextBoolean())
                .truncated(r.nextInt(8) == 0)
                .recursionDesired(r.nextBoolean())
                .recursionAvailable(r.nextBoolean())
                .authenticData(r.nextBoolean())
                .checkingDisabled(r.nextBoolean());
        boolean edns = r.nextInt(3) > 0;
        b.rcode(ResponseCode.of(edns ? (r.nextInt(4) == 0 ? r.nextInt(4096) : r.nextInt(24)) : r.nextInt(16)));
        if (edns) {
            List<EdnsOption> options = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                options.add(new EdnsOption(r.nextInt(0x10000), bytes(r, r.nextInt(12))));
            }
            b.edns(new Edns(r.nextInt(0x10000), r.nextInt(256), r.nextBoolean(), r.nextInt(0x8000), options));
        }
        int scale = Math.max(1, size / 10);
        for (int i = r.nextInt(3); i > 0; i--) {
            b.question(new DnsQuestion(pick(r, pool), RecordType.of(r.nextInt(0x10000)), recordClass(r)));
        }
        for (int i = r.nextInt(scale + 3); i > 0; i--) {
            b.answer(record(r, pool));
        }
        for (int i = r.nextInt(scale + 1); i > 0; i--) {
            b.authority(record(r, pool));
        }
        for (int i = r.nextInt(scale + 1); i > 0; i--) {
            b.additional(record(r, pool));
        }
        return b.build();
    }

    @Override
    public List<DnsMessage> shrink(DnsMessage m) {
        List<DnsMessage> smaller = new ArrayList<>();
        if (!m.answers().isEmpty()) {
            smaller.add(m.toBuilder()
                    .answers(m.answers().subList(0, m.answers().size() / 2))
                    .build());
        }
        if (!m.authorities().isEmpty()) {
            smaller.add(m.toBuilder().authorities(List.of()).build());
        }
        if (!m.additionals().isEmpty()) {
            smaller.add(m.toBuilder().additionals(List.of()).build());
        }
        if (!m.questions().isEmpty()) {
            smaller.add(m.toBuilder().questions(List.of()).build());
        }
        return smaller;
    }

    @Override
    public String describe(DnsMessage m) {
        return m + "\n  wire: " + java.util.HexFormat.of().formatHex(m.toByteArray());
    }

    private static List<DnsName> namePool(SplittableRandom r) {
        List<DnsName> pool = new ArrayList<>();
        pool.add(DnsName.ROOT);
        DnsName base = DnsName.of(WORDS[r.nextInt(WORDS.length)]);
        pool.add(base);
        for (int i = 0; i < 6; i++) {
            DnsName parent = pool.get(r.nextInt(pool.size()));
            byte[] label =
                    r.nextInt(4) == 0 ? bytes(r, 1 + r.nextInt(63)) : randomCase(r, WORDS[r.nextInt(WORDS.length)]);
            try {
                List<byte[]> labels = new ArrayList<>();
                labels.add(label);
                for (int k = 0; k < parent.labelCount(); k++) {
                    labels.add(parent.labelBytes(k));
                }
                pool.add(DnsName.fromLabels(labels));
            } catch (IllegalArgumentException tooLong) {
                // over 255 bytes: skip it
            }
        }
        return pool;
    }

    private static byte[] randomCase(SplittableRandom r, String word) {
        byte[] b = word.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            if (r.nextBoolean() && b[i] >= 'a' && b[i] <= 'z') {
                b[i] -= 32;
            }
        }
        return b;
    }

    private static DnsRecord record(SplittableRandom r, List<DnsName> pool) {
        return new DnsRecord(pick(r, pool), recordClass(r), r.nextLong(DnsRecord.MAX_TTL + 1), data(r, pool));
    }

    private static RecordClass recordClass(SplittableRandom r) {
        return r.nextInt(4) == 0 ? RecordClass.of(r.nextInt(0x10000)) : RecordClass.IN;
    }

    private static RData data(SplittableRandom r, List<DnsName> pool) {
        return switch (r.nextInt(11)) {
            case 0 -> new RData.A((Inet4Address) address(bytes(r, 4)));
            case 1 -> {
                try {
                    yield new RData.Aaaa(Inet6Address.getByAddress(null, bytes(r, 16), -1));
                } catch (UnknownHostException e) {
                    throw new AssertionError(e);
                }
            }
            case 2 -> new RData.Cname(pick(r, pool));
            case 3 -> new RData.Ns(pick(r, pool));
            case 4 -> new RData.Ptr(pick(r, pool));
            case 5 -> new RData.Mx(r.nextInt(0x10000), pick(r, pool));
            case 6 -> {
                List<byte[]> strings = new ArrayList<>();
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    strings.add(bytes(r, r.nextInt(r.nextInt(8) == 0 ? 256 : 20)));
                }
                yield new RData.Txt(strings);
            }
            case 7 -> new RData.Soa(pick(r, pool), pick(r, pool), u32(r), u32(r), u32(r), u32(r), u32(r));
            case 8 -> new RData.Srv(r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), pick(r, pool));
            case 9 ->
                new RData.Caa(
                        r.nextInt(256), r.nextBoolean() ? "issue" : "iodef" + r.nextInt(10), bytes(r, r.nextInt(30)));
            default -> {
                int type;
                do {
                    type = r.nextInt(0x10000);
                } while (MODELLED.contains(type));
                yield new RData.Unknown(RecordType.of(type), bytes(r, r.nextInt(40)));
            }
        };
    }

    private static long u32(SplittableRandom r) {
        return r.nextLong(0x1_0000_0000L);
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
