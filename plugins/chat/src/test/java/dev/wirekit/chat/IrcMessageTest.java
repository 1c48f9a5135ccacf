package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcMessageTest {

    @Test
    void parsesEveryPart() {
        IrcMessage m = IrcMessage.parse(
                "@time=2024-05-01T12:00:00.000Z;+draft/x=a\\sb\\:c :alice!al@127.0.0.1 privmsg #wirekit :hello, world");
        assertEquals(Map.of("time", "2024-05-01T12:00:00.000Z", "+draft/x", "a b;c"), m.tags());
        assertEquals("alice!al@127.0.0.1", m.source());
        assertEquals("alice", m.sourceNick());
        assertEquals("PRIVMSG", m.command(), "commands are upper-cased");
        assertEquals(List.of("#wirekit", "hello, world"), m.params());
    }

    @Test
    void numericsAndMiddleParameters() {
        IrcMessage m = IrcMessage.parse(":irc.example 005 alice CHANTYPES=# NICKLEN=30 :are supported");
        assertTrue(m.isNumeric());
        assertEquals(List.of("alice", "CHANTYPES=#", "NICKLEN=30", "are supported"), m.params());
    }

    @Test
    void repeatedSpacesAndAnEmptyTrailingParameter() {
        IrcMessage m = IrcMessage.parse("TOPIC   #c   :");
        assertEquals(List.of("#c", ""), m.params());
        assertEquals("TOPIC #c :", m.toString());
    }

    @Test
    void theFifteenthParameterTakesTheRestOfTheLine() {
        IrcMessage m = IrcMessage.parse("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 and the rest");
        assertEquals(15, m.params().size());
        assertEquals("and the rest", m.last());
    }

    @Test
    void writesColonOnlyWhereNeeded() {
        assertEquals("JOIN #chan", IrcMessage.of("JOIN", "#chan").toString());
        assertEquals(
                "PRIVMSG #chan :hi", IrcMessage.of("PRIVMSG", "#chan", "hi").toString());
        assertEquals("PING ::colon", IrcMessage.of("PING", ":colon").toString());
        assertEquals(":s NICK new", IrcMessage.from("s", "NICK", "new").toString());
    }

    @Test
    void tagValuesAreEscapedAndUnescaped() {
        IrcMessage m = IrcMessage.of("TAGMSG", "#c").withTag("k", "a;b c\\d\r\ne");
        assertEquals("@k=a\\:b\\sc\\\\d\\r\\ne TAGMSG #c", m.toString());
        assertEquals(m, IrcMessage.parse(m.toString()));
        assertEquals(
                "ab",
                IrcMessage.parse("@k=a\\b\\ X").tags().get("k"),
                "unknown escapes drop the backslash, a trailing one is dropped");
        assertEquals("", IrcMessage.parse("@k;j= X").tags().get("j"), "an empty value is no value");
    }

    @Test
    void refusesWhatWouldBreakTheLine() {
        assertThrows(IrcFormatException.class, () -> IrcMessage.of("PRIVMSG", "#c", "a\r\nQUIT"));
        assertThrows(IrcFormatException.class, () -> IrcMessage.of("PRIVMSG", "#c d", "x"));
        assertThrows(IrcFormatException.class, () -> IrcMessage.of("PRIVMSG", "", "x"));
        assertThrows(IrcFormatException.class, () -> IrcMessage.of("PRIV MSG"));
        assertThrows(IrcFormatException.class, () -> IrcMessage.from("a b", "PING", "x"));
        assertThrows(IrcFormatException.class, () -> IrcMessage.of("1234"));
    }

    @Test
    void malformedLinesSayWhy() {
        assertTrue(IrcMessage.parse("ok").params().isEmpty());
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("   "))
                .isEmptyLine());
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse(":prefix-only"))
                .getMessage()
                .contains("no command"));
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("@a=b"))
                .getMessage()
                .contains("no command"));
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("@bad_key=1 PING x"))
                .getMessage()
                .contains("tag"));
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("PRIVMSG #a :x\0y"))
                .getMessage()
                .contains("NUL"));
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("PRIVMSG #a :x\ry"))
                .getMessage()
                .contains("CR"));
        assertTrue(assertThrows(IrcFormatException.class, () -> IrcMessage.parse("PRIV$MSG x"))
                .getMessage()
                .contains("command"));
    }

    @Test
    void accessors() {
        IrcMessage m = IrcMessage.from("server.example", "NOTICE", "*", "hi");
        assertEquals("server.example", m.sourceNick());
        assertNull(m.param(2));
        assertEquals("hi", m.last());
        assertNull(IrcMessage.of("PING").last());
        assertNull(IrcMessage.of("PING").sourceNick());
    }

    /** Any message that can be made is written as a line that parses back to an equal message. */
    @Test
    void everyMessageSurvivesItsWireForm() {
        Property.named("parse(toString(m)) == m").trials(500).check(messages(), m -> {
            assertEquals(m, IrcMessage.parse(m.toString()), () -> "wire form: " + m);
        });
    }

    private static Generator<IrcMessage> messages() {
        Generator<String> word = Generators.text(12, 40, cp -> cp > ' ' && cp != ':' && cp != ',' && cp != 0x7f);
        Generator<String> text = Generators.text(60, 200, cp -> cp != '\r' && cp != '\n' && cp != 0);
        Generator<Integer> count = Generators.ints(0, 14);
        return (random, size) -> {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                tags.put((random.nextBoolean() ? "+" : "") + "k" + random.nextInt(100), text.next(random, size));
            }
            String source = random.nextBoolean() ? null : "n" + random.nextInt(1000) + "!u@h";
            List<String> params = new ArrayList<>();
            for (int i = count.next(random, size); i > 0; i--) {
                String w = word.next(random, size);
                params.add(w.isEmpty() ? "x" : w);
            }
            if (random.nextBoolean()) {
                params.add(text.next(random, size));
            }
            String command = random.nextBoolean() ? "PRIVMSG" : String.format("%03d", random.nextInt(1000));
            return new IrcMessage(tags, source, command, params);
        };
    }
}
