package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortSetTest {

    @Test
    void listsRangesAndOpenEnds() {
        assertArrayEquals(
                new int[] {22, 80, 8000, 8001, 8002},
                PortSet.parse("22,80,8000-8002").toArray());
        assertEquals(1024, PortSet.parse("-1024").size());
        assertArrayEquals(new int[] {65534, 65535}, PortSet.parse("65534-").toArray());
        assertEquals(65_535, PortSet.parse("-").size());
        assertEquals("1-65535", PortSet.parse("-").toString());
        assertEquals(
                "22,80,8000-8002", PortSet.parse(" 8002 , 8000-8001,80,22,22 ").toString());
    }

    @Test
    void serviceNamesComeFromTheTable() {
        assertArrayEquals(
                new int[] {22, 80, 443}, PortSet.parse("ssh,http,https").toArray());
        assertArrayEquals(new int[] {8000, 8080}, PortSet.parse("HTTP-ALT").toArray(), "case does not matter");
        assertTrue(PortSet.serviceNames().contains("smtp"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "0|port 0 is outside 1-65535",
                "65536|port 65536 is outside 1-65535",
                "80-22|the range 80-22 runs backwards",
                "22,,80|an empty entry between commas",
                "gopherx|'gopherx' is neither a port number nor a known service name",
                "1-2-3|'2-3' is not a port number",
                "22a|'22a' is not a port number",
                "١٢|'١٢' is neither a port number",
                "999999|'999999' is not a port number"
            })
    void malformedSpecsSayWhatIsWrong(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortSet.parse(spec));
        assertTrue(e.getMessage().startsWith("ports '" + spec + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void emptySpecIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortSet.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> PortSet.parse(null));
        assertThrows(IllegalArgumentException.class, () -> PortSet.of());
        assertThrows(IllegalArgumentException.class, () -> PortSet.range(0, 5));
    }

    @Test
    void compactFormParsesBackToTheSameSet() {
        Property.named("parse(toString(s)) == s")
                .trials(300)
                .check(Generators.lists(Generators.ints(1, 65_535), 60), ports -> {
                    if (ports.isEmpty()) {
                        return;
                    }
                    PortSet set = PortSet.of(
                            ports.stream().mapToInt(Integer::intValue).toArray());
                    assertEquals(set, PortSet.parse(set.toString()));
                    BitSet expected = new BitSet();
                    ports.forEach(expected::set);
                    assertEquals(expected.cardinality(), set.size());
                    assertArrayEquals(expected.stream().toArray(), set.toArray());
                });
    }

    @Test
    void iterationIsAscendingAndContainsAgrees() {
        PortSet set = PortSet.parse("443,22,80");
        assertEquals(
                List.of(22, 80, 443),
                java.util.stream.StreamSupport.stream(set.spliterator(), false).toList());
        assertTrue(set.contains(80));
        assertFalse(set.contains(81));
        assertFalse(set.contains(0));
        assertFalse(set.contains(70_000));
    }
}
