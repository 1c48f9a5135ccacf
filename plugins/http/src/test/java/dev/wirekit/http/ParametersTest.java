package dev.wirekit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
    void decodesTheFormEncoding() {
        Parameters p = Parameters.parse("a=1&a=2&b=two+words&c=%E2%82%AC&flag&=empty-name&&d=");
        assertEquals(List.of("1", "2"), p.all("a"));
        assertEquals("two words", p.get("b"));
        assertEquals("\u20AC", p.get("c"));
        assertEquals("", p.get("flag"));
        assertEquals("empty-name", p.get(""));
        assertEquals("", p.get("d"));
        assertEquals(List.of("a", "b", "c", "flag", "", "d"), List.copyOf(p.names()));
    }

    @Test
    void refusesMalformedEscapes() {
        assertThrows(IllegalArgumentException.class, () -> Parameters.parse("a=%zz"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.parse("a=%4"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.parse("a=%FF%FE"));
    }

    @Test
    void encodeThenParseIsTheIdentity() {
        Generator<String> text = Generators.text(12, 48, c -> c != 0xFFFD);
        Generator<List<List<String>>> pairs = Generators.lists(Generators.lists(text, 2), 10);
        Property.named("parse(encode(p)) == p").trials(300).check(pairs, list -> {
            Parameters.Builder b = Parameters.builder();
            for (List<String> pair : list) {
                b.add(pair.isEmpty() ? "k" : pair.get(0), pair.size() < 2 ? "" : pair.get(1));
            }
            Parameters p = b.build();
            assertEquals(p, Parameters.parse(p.encode()));
        });
    }
}
