package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.dns.support.MessageGenerator;
import dev.wirekit.testkit.FramerHarness;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seeded property checks of the codec (replay a failure with -Dwirekit.seed=N). */
class CodecPropertyTest {
    private static final Generator<DnsMessage> MESSAGES = new MessageGenerator();

    @Test
    void decodeOfEncodeIsTheMessage() {
        Property.named("decode(encode(m)) == m").trials(500).check(MESSAGES, m -> {
            ByteBuffer wire = m.encode();
            assertEquals(m, DnsMessage.decode(wire));
        });
    }

    @Test
    void encodingIsStable() {
        Property.named("encode(decode(encode(m))) == encode(m)").trials(200).check(MESSAGES, m -> {
            byte[] once = m.toByteArray();
            assertEquals(
                    ByteBuffer.wrap(once),
                    ByteBuffer.wrap(DnsMessage.decode(once).toByteArray()));
        });
    }

    @Test
    void truncationFitsAndKeepsPrefixes() {
        Generator<Object[]> cases = (r, size) -> new Object[] {MESSAGES.next(r, size), 512 + r.nextInt(1500)};
        Property.named("truncate(limit) fits, keeps section prefixes, sets TC when answers go")
                .trials(300)
                .check(cases, c -> {
                    DnsMessage m = (DnsMessage) c[0];
                    int limit = (Integer) c[1];
                    DnsMessage cut;
                    try {
                        cut = m.truncate(limit);
                    } catch (IllegalArgumentException questionsTooBig) {
                        return; // questions and OPT alone exceed the limit: documented refusal
                    }
                    assertTrue(cut.encodedSize() <= limit, cut.encodedSize() + " > " + limit);
                    assertEquals(m.answers().subList(0, cut.answers().size()), cut.answers());
                    assertEquals(m.authorities().subList(0, cut.authorities().size()), cut.authorities());
                    assertEquals(m.additionals().subList(0, cut.additionals().size()), cut.additionals());
                    boolean lostRequired = cut.answers().size() < m.answers().size()
                            || cut.authorities().size() < m.authorities().size();
                    assertEquals(m.truncated() || lostRequired, cut.truncated(), "TC");
                    assertEquals(cut, DnsMessage.decode(cut.encode()));
                });
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void tcpFramingSurvivesAnyChunking(Chunking chunking) {
        Property.named("TCP framing under " + chunking)
                .trials(chunking == Chunking.ONE_BYTE ? 40 : 150)
                .check(Generators.lists(MESSAGES, 6), messages -> {
                    byte[] stream = FramerHarness.encode(DnsFramers.tcp(), messages);
                    List<ByteBuffer> pieces = chunking.split(stream, new SplittableRandom(stream.length));
                    assertEquals(messages, FramerHarness.decode(DnsFramers.tcp(), pieces));
                });
    }
}
