package dev.wirekit.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.Connection;
import dev.wirekit.testkit.Rule;
import dev.wirekit.testkit.wire.IrcPeer.Line;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * IRC servers (RFC 1459/2812 with IRCv3 capability negotiation): what any compliant server does,
 * checked black-box with several clients (SPEC.md, section CH). Optional rules run when the server
 * advertises the feature (a {@code CAP LS} capability, an {@code RPL_ISUPPORT} token) and are skipped
 * otherwise. Nicks and channels are random, so a live server's other users are not disturbed.
 */
public class ChatSuite extends WireSuite {
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private static String unique(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    private IrcPeer peer() throws IOException {
        return IrcPeer.connect(this);
    }

    private IrcPeer registered(String nick) throws IOException {
        IrcPeer p = peer();
        p.register(nick);
        return p;
    }

    /** Joins {@code channel} and waits for the end of its NAMES. */
    private static void join(IrcPeer p, String channel) throws IOException {
        p.send("JOIN " + channel);
        p.expect("366");
    }

    /** The CAP LS 302 capability list (all lines of it). */
    private static List<String> capLs(IrcPeer p) throws IOException {
        p.send("CAP LS 302");
        List<String> caps = new ArrayList<>();
        while (true) {
            Line ls = p.expect(l -> l.is("CAP") && "LS".equalsIgnoreCase(l.param(1)), "CAP * LS");
            for (String c : ls.last().trim().split(" +")) {
                if (!c.isEmpty()) {
                    caps.add(c);
                }
            }
            if (!(ls.params().size() > 3 && "*".equals(ls.param(2)))) {
                return caps;
            }
        }
    }

    private static boolean offers(List<String> caps, String name) {
        return caps.stream().anyMatch(c -> c.equals(name) || c.startsWith(name + "="));
    }

    @Test
    public void required_CH1_welcomeAddressesTheNick() {
        Rule.verify(
                "CH-1",
                "after NICK and USER the server sends 001, 002, 003 and 004, each addressed to the new nick",
                "complete registration once both NICK and USER arrived; the first parameter of a numeric is the client's nick",
                () -> {
                    String nick = unique("wk");
                    try (IrcPeer p = peer()) {
                        p.send("NICK " + nick);
                        p.send("USER " + nick + " 0 * :Wirekit testkit");
                        for (String numeric : List.of("001", "002", "003", "004")) {
                            Line l = p.expect(numeric);
                            assertEquals(nick, l.param(0), numeric + " is addressed to the nick");
                        }
                    }
                });
    }

    @Test
    public void required_CH2_isupportThenMotd() {
        Rule.verify(
                "CH-2",
                "the welcome goes on with RPL_ISUPPORT (005) tokens and ends with the MOTD (376) or ERR_NOMOTD (422)",
                "send 005 lines of TOKEN or TOKEN=value words ending in ':are supported by this server', then the MOTD",
                () -> {
                    try (IrcPeer p = peer()) {
                        String nick = unique("wk");
                        p.send("NICK " + nick);
                        p.send("USER " + nick + " 0 * :Wirekit testkit");
                        Line isupport = p.expect("005");
                        assertTrue(isupport.params().size() >= 3, "005 has tokens: " + isupport);
                        assertTrue(isupport.param(1).matches("-?[A-Z0-9]+(=.*)?"), "a token: " + isupport.param(1));
                        p.expect("376", "422");
                    }
                });
    }

    @Test
    public void required_CH3_pingIsAnsweredWithItsToken() {
        Rule.verify(
                "CH-3",
                "PING TOKEN is answered with PONG whose last parameter is TOKEN",
                "answer PING, echoing its parameter as the last parameter of PONG",
                () -> {
                    try (IrcPeer p = registered(unique("wk"))) {
                        p.send("PING token-1");
                        assertEquals("token-1", p.expect("PONG").last());
                        p.send("PING :a token with spaces");
                        assertEquals("a token with spaces", p.expect("PONG").last());
                    }
                });
    }

    @Test
    public void required_CH4_commandsBeforeRegistrationAreRefused() {
        Rule.verify(
                "CH-4",
                "JOIN and PRIVMSG before registration are answered with 451 ERR_NOTREGISTERED and have no effect",
                "accept only CAP, PASS, NICK, USER, PING, PONG, QUIT (and AUTHENTICATE) until registration completes",
                () -> {
                    try (IrcPeer p = peer()) {
                        p.send("JOIN " + unique("#wk"));
                        p.expect("451");
                        p.send("PRIVMSG someone :hello");
                        p.expect("451");
                    }
                });
    }

    @Test
    public void required_CH5_unknownCommandsGet421() {
        Rule.verify(
                "CH-5",
                "an unknown command is answered with 421 ERR_UNKNOWNCOMMAND naming it, and the session goes on",
                "reply 421 <nick> <command> :Unknown command; do not close the connection",
                () -> {
                    try (IrcPeer p = registered(unique("wk"))) {
                        p.send("WIREKITFROB now");
                        Line l = p.expect("421");
                        assertEquals("WIREKITFROB", l.param(1).toUpperCase(Locale.ROOT));
                        p.sync();
                    }
                });
    }

    @Test
    public void required_CH6_nickCollisionGets433() {
        Rule.verify(
                "CH-6",
                "a nick in use is refused with 433 ERR_NICKNAMEINUSE, whatever its letter case; another nick then registers",
                "check NICK against the nicks of registered clients with the announced CASEMAPPING",
                () -> {
                    String nick = unique("wk");
                    try (IrcPeer first = registered(nick);
                            IrcPeer second = peer()) {
                        second.send("NICK " + nick.toUpperCase(Locale.ROOT));
                        Line l = second.expect("433");
                        assertEquals(nick.toUpperCase(Locale.ROOT), l.param(1));
                        second.register(nick + "2");
                    }
                });
    }

    @Test
    public void required_CH7_invalidNicksGet432() {
        Rule.verify(
                "CH-7",
                "nicks starting with a digit or holding '!' or '@' are refused with 432 ERR_ERRONEUSNICKNAME",
                "validate nicks: a letter or one of []\\`_^{|} first, then letters, digits, specials and '-'",
                () -> {
                    try (IrcPeer p = peer()) {
                        for (String bad : List.of("9" + unique("x"), "a!b", "a@b")) {
                            p.send("NICK " + bad);
                            assertEquals(bad, p.expect("432").param(1));
                        }
                    }
                });
    }

    @Test
    public void required_CH8_missingParametersGet461() {
        Rule.verify(
                "CH-8",
                "USER with too few parameters gets 461 ERR_NEEDMOREPARAMS naming USER; NICK without one gets 431 or 461",
                "check each command's parameter count before acting on it",
                () -> {
                    try (IrcPeer p = peer()) {
                        p.send("USER onlyone");
                        assertEquals("USER", p.expect("461").param(1).toUpperCase(Locale.ROOT));
                        p.send("NICK");
                        p.expect("431", "461");
                    }
                });
    }

    @Test
    public void required_CH9_capNegotiationHoldsRegistration() {
        Rule.verify(
                "CH-9",
                "CAP LS 302 is answered with CAP * LS; registration waits for CAP END, then completes",
                "suspend registration from CAP LS/REQ until CAP END (IRCv3 capability negotiation)",
                () -> {
                    try (IrcPeer p = peer()) {
                        capLs(p);
                        String nick = unique("wk");
                        p.send("NICK " + nick);
                        p.send("USER " + nick + " 0 * :Wirekit testkit");
                        // A barrier: the answer to CAP LS comes after anything NICK and USER caused.
                        // (PING cannot serve: some servers refuse it before registration.)
                        p.send("CAP LS 302");
                        Line barrier = p.expect(l -> l.is("CAP", "001"), "CAP * LS");
                        assertFalse(barrier.is("001"), "no 001 while negotiation is open");
                        p.send("CAP END");
                        assertEquals(nick, p.expect("001").param(0));
                    }
                });
    }

    @Test
    public void required_CH10_unknownCapabilitiesAreRefused() {
        Rule.verify(
                "CH-10",
                "CAP REQ naming a capability the server does not offer is answered with CAP NAK and that same list",
                "acknowledge or refuse a CAP REQ as a whole, echoing the requested list",
                () -> {
                    try (IrcPeer p = peer()) {
                        capLs(p);
                        p.send("CAP REQ :wirekit.dev/no-such-capability");
                        Line l = p.expect("CAP");
                        assertEquals("NAK", l.param(1).toUpperCase(Locale.ROOT));
                        assertEquals("wirekit.dev/no-such-capability", l.last().trim());
                        p.send("CAP END");
                    }
                });
    }

    @Test
    public void required_CH11_joinIsEchoedAndListed() {
        Rule.verify(
                "CH-11",
                "JOIN is echoed to the joiner (source nick!user@host) and to members; then 353 lists the joiner and 366 ends",
                "broadcast JOIN to every member including the joiner, then send NAMES (353 lines, 366)",
                () -> {
                    String channel = unique("#wk");
                    String a = unique("wka");
                    String b = unique("wkb");
                    try (IrcPeer alice = registered(a);
                            IrcPeer bob = registered(b)) {
                        join(alice, channel);
                        bob.send("JOIN " + channel);
                        Line echo = bob.expect("JOIN");
                        assertEquals(b, echo.nick());
                        assertTrue(echo.source().contains("!") && echo.source().contains("@"), echo.source());
                        assertTrue(channel.equalsIgnoreCase(echo.param(0)));
                        Line names = bob.expect("353");
                        List<String> listed = List.of(names.last().trim().split(" +"));
                        assertTrue(listed.stream().anyMatch(n -> n.endsWith(b)), "353 lists the joiner: " + names);
                        assertTrue(listed.stream().anyMatch(n -> n.endsWith(a)), "353 lists the member: " + names);
                        bob.expect("366");
                        assertEquals(b, alice.expect("JOIN").nick(), "members see the JOIN");
                    }
                });
    }

    @Test
    public void required_CH12_channelMessagesReachTheOtherMembers() {
        Rule.verify(
                "CH-12",
                "PRIVMSG to a channel reaches every other member with the sender's prefix, not the sender, not outsiders",
                "fan out to the channel's members except the sender (unless it asked for echo-message)",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(unique("wkb"));
                            IrcPeer carol = registered(unique("wkc"));
                            IrcPeer outsider = registered(unique("wkd"))) {
                        join(alice, channel);
                        join(bob, channel);
                        join(carol, channel);
                        alice.sync();
                        alice.send("PRIVMSG " + channel + " :hello, channel");
                        for (IrcPeer member : List.of(bob, carol)) {
                            Line m = member.expect("PRIVMSG");
                            assertTrue(channel.equalsIgnoreCase(m.param(0)));
                            assertEquals("hello, channel", m.last());
                        }
                        assertFalse(alice.sync().stream().anyMatch(l -> l.is("PRIVMSG")), "not echoed to the sender");
                        assertFalse(outsider.sync().stream().anyMatch(l -> l.is("PRIVMSG")), "outsiders hear nothing");
                    }
                });
    }

    @Test
    public void required_CH13_privateMessages() {
        Rule.verify(
                "CH-13",
                "PRIVMSG to a nick reaches only that client; to an unknown nick it gets 401 ERR_NOSUCHNICK",
                "look the target up by nick (case-insensitively); reply 401 when nobody has it",
                () -> {
                    String b = unique("wkb");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(b);
                            IrcPeer carol = registered(unique("wkc"))) {
                        alice.send("PRIVMSG " + b.toUpperCase(Locale.ROOT) + " :just for bob");
                        Line m = bob.expect("PRIVMSG");
                        assertEquals("just for bob", m.last());
                        assertFalse(carol.sync().stream().anyMatch(l -> l.is("PRIVMSG")), "nobody else hears it");
                        String nobody = unique("wkz");
                        alice.send("PRIVMSG " + nobody + " :anyone?");
                        assertEquals(nobody, alice.expect("401").param(1));
                    }
                });
    }

    @Test
    public void required_CH14_noSuchChannelAndNoticeSilence() {
        Rule.verify(
                "CH-14",
                "PRIVMSG to a channel that does not exist gets 401 or 403; a NOTICE to nobody gets no reply at all",
                "never answer a NOTICE automatically (RFC 2812), errors included",
                () -> {
                    try (IrcPeer p = registered(unique("wk"))) {
                        String channel = unique("#wk");
                        p.send("PRIVMSG " + channel + " :hello?");
                        p.expect("401", "403");
                        p.send("NOTICE " + unique("wkz") + " :hello?");
                        p.send("NOTICE " + unique("#wk") + " :hello?");
                        List<Line> replies = p.sync();
                        assertTrue(replies.isEmpty(), "no reply to NOTICE: " + replies);
                    }
                });
    }

    @Test
    public void required_CH15_partIsBroadcast() {
        Rule.verify(
                "CH-15",
                "PART with a reason is sent to every member including the leaver; then the leaver hears nothing of the channel; parting a channel one is not on is an error",
                "broadcast PART before removing the member; reply 442 (not on channel) or 403 (no such channel)",
                () -> {
                    String channel = unique("#wk");
                    String b = unique("wkb");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(b)) {
                        join(alice, channel);
                        join(bob, channel);
                        alice.sync();
                        bob.send("PART " + channel + " :see you later");
                        Line seen = alice.expect("PART");
                        assertEquals(b, seen.nick());
                        assertEquals("see you later", seen.last());
                        assertEquals(b, bob.expect("PART").nick());
                        alice.send("PRIVMSG " + channel + " :after the part");
                        alice.sync();
                        assertFalse(
                                bob.sync().stream().anyMatch(l -> l.is("PRIVMSG")), "the leaver hears nothing more");
                        bob.send("PART " + channel);
                        bob.expect("442", "403");
                    }
                });
    }

    @Test
    public void required_CH16_quitIsBroadcastAndClosed() {
        Rule.verify(
                "CH-16",
                "QUIT gets the quitter an ERROR line and the close; members see QUIT with the reason's text",
                "on QUIT, tell every client sharing a channel, send ERROR, then close the connection",
                () -> {
                    String channel = unique("#wk");
                    String b = unique("wkb");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(b)) {
                        join(alice, channel);
                        join(bob, channel);
                        alice.sync();
                        bob.send("QUIT :time to go");
                        List<Line> end = bob.readToEnd();
                        assertTrue(end.stream().anyMatch(l -> l.is("ERROR")), "an ERROR line before the close: " + end);
                        Line quit = alice.expect("QUIT");
                        assertEquals(b, quit.nick());
                        assertTrue(quit.last().contains("time to go"), quit.last());
                    }
                });
    }

    @Test
    public void required_CH17_nickChangesAreBroadcast() {
        Rule.verify(
                "CH-17",
                "a NICK change is sent, from the old prefix, to the client and to everyone sharing a channel",
                "broadcast ':old!user@host NICK new' to the changer and its channels' members",
                () -> {
                    String channel = unique("#wk");
                    String b = unique("wkb");
                    String renamed = unique("wkr");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(b)) {
                        join(alice, channel);
                        join(bob, channel);
                        alice.sync();
                        bob.send("NICK " + renamed);
                        Line self = bob.expect("NICK");
                        assertEquals(b, self.nick());
                        assertEquals(renamed, self.last());
                        Line other = alice.expect("NICK");
                        assertEquals(b, other.nick());
                        assertEquals(renamed, other.last());
                    }
                });
    }

    @Test
    public void required_CH18_topicIsSetAndReported() {
        Rule.verify(
                "CH-18",
                "the channel's creator sets TOPIC, members see it; TOPIC without text reports it with 332 (331 when none)",
                "keep the topic per channel; broadcast TOPIC changes; answer queries with 332 (and 333) or 331",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(unique("wkb"))) {
                        join(alice, channel);
                        alice.send("TOPIC " + channel);
                        alice.expect("331");
                        join(bob, channel);
                        alice.sync();
                        alice.send("TOPIC " + channel + " :the topic of the day");
                        assertEquals("the topic of the day", bob.expect("TOPIC").last());
                        bob.send("TOPIC " + channel);
                        Line topic = bob.expect("332");
                        assertEquals("the topic of the day", topic.last());
                    }
                });
    }

    @Test
    public void required_CH19_listShowsChannels() {
        Rule.verify(
                "CH-19",
                "LIST shows a channel with its member count and topic (322), then 323",
                "answer LIST with one 322 <nick> <channel> <count> :<topic> per visible channel and a final 323",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(unique("wkb"))) {
                        join(alice, channel);
                        join(bob, channel);
                        alice.send("TOPIC " + channel + " :listed");
                        alice.expect("TOPIC");
                        alice.send("LIST");
                        Line row = alice.expect(
                                l -> l.is("322") && channel.equalsIgnoreCase(l.param(1)), "322 for " + channel);
                        assertEquals("2", row.param(2), "member count");
                        assertEquals("listed", row.last());
                        alice.expect("323");
                    }
                });
    }

    @Test
    public void required_CH20_whoListsMembers() {
        Rule.verify(
                "CH-20",
                "WHO #channel answers one 352 per member (nick as the sixth parameter), then 315",
                "answer WHO <channel> with 352 <me> <channel> <user> <host> <server> <nick> <flags> :<hops> <realname>",
                () -> {
                    String channel = unique("#wk");
                    String a = unique("wka");
                    String b = unique("wkb");
                    try (IrcPeer alice = registered(a);
                            IrcPeer bob = registered(b)) {
                        join(alice, channel);
                        join(bob, channel);
                        alice.sync();
                        alice.send("WHO " + channel);
                        List<String> nicks = new ArrayList<>();
                        Line l;
                        while (!(l = alice.expect("352", "315")).is("315")) {
                            nicks.add(l.param(5));
                        }
                        assertEquals(2, nicks.size(), "352 lines: " + nicks);
                        assertTrue(nicks.contains(a) && nicks.contains(b), nicks.toString());
                    }
                });
    }

    @Test
    public void required_CH21_overlongLinesAreAnsweredNotRelayed() {
        Rule.verify(
                "CH-21",
                "a 600-byte PRIVMSG (over the 512-byte limit) is answered with 417 or an ERROR line and is not relayed; other members carry on",
                "enforce the 512-byte limit (tags aside) on input: reply 417 ERR_INPUTTOOLONG, or close with ERROR",
                () -> {
                    String channel = unique("#wk");
                    String offender = unique("wko");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(unique("wkb"));
                            Connection raw = connectRaw()) {
                        join(alice, channel);
                        join(bob, channel);
                        write(raw, "NICK " + offender + "\r\nUSER o 0 * :O\r\nJOIN " + channel + "\r\n");
                        assertTrue(readLineWith(raw, " 366 ") != null, "the offender joined");
                        bob.expect("JOIN");
                        write(raw, "PRIVMSG " + channel + " :" + "x".repeat(600) + "\r\n");
                        String answer = readLineWith(raw, " 417 ", "ERROR ");
                        assertNotNull(answer, "417 or ERROR, not silence");
                        alice.send("PRIVMSG " + channel + " :still working");
                        List<Line> got = new ArrayList<>();
                        Line m;
                        while (!(m = bob.expect("PRIVMSG")).last().equals("still working")) {
                            got.add(m);
                        }
                        assertTrue(
                                got.stream().noneMatch(x -> x.last().startsWith("xxxx")),
                                "nothing of it relayed: " + got);
                    }
                });
    }

    @Test
    public void required_CH22_namesCompareCaseInsensitively() {
        Rule.verify(
                "CH-22",
                "channel names compare case-insensitively: JOIN #Name and JOIN #name are one channel",
                "fold names with the announced CASEMAPPING before looking them up",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = registered(unique("wkb"))) {
                        join(alice, channel.toUpperCase(Locale.ROOT).replace("#WK", "#wk"));
                        join(bob, channel);
                        alice.sync();
                        bob.send("PRIVMSG " + channel + " :same room");
                        assertEquals("same room", alice.expect("PRIVMSG").last());
                    }
                });
    }

    @Test
    public void optional_CH23_invalidUtf8IsNotRelayed() {
        Rule.verify(
                "CH-23",
                "optional, when 005 announces UTF8ONLY: a PRIVMSG that is not UTF-8 is refused (FAIL, a numeric or ERROR) and not relayed",
                "decode input strictly; reply FAIL * INVALID_UTF8 (IRCv3 UTF8ONLY) and drop the message",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            Connection raw = connectRaw()) {
                        join(alice, channel);
                        write(raw, "NICK " + unique("wko") + "\r\nUSER o 0 * :O\r\n");
                        String isupport = readLinesUntil(raw, " 376 ", " 422 ");
                        assumeTrue(isupport.contains("UTF8ONLY"), "the server does not announce UTF8ONLY in 005");
                        write(raw, "JOIN " + channel + "\r\n");
                        readLineWith(raw, " 366 ");
                        alice.expect("JOIN");
                        ByteBuffer bad = ByteBuffer.allocate(64);
                        bad.put(("PRIVMSG " + channel + " :").getBytes(StandardCharsets.US_ASCII));
                        bad.put(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\r', '\n'});
                        raw.write(bad.flip());
                        assertNotNull(readLineWith(raw, "FAIL ", " 4", "ERROR "), "the sender is told");
                        alice.send("PING :after");
                        Line l;
                        while (!(l = alice.next()).is("PONG")) {
                            assertFalse(l.is("PRIVMSG"), "not relayed: " + l);
                        }
                    }
                });
    }

    @Test
    public void optional_CH24_saslFailuresAreReported() {
        Rule.verify(
                "CH-24",
                "optional, when CAP LS offers sasl: an unknown mechanism gets 908/904, wrong PLAIN credentials 904, AUTHENTICATE * 906; CAP END then registers without login",
                "implement IRCv3 SASL 3.1: AUTHENTICATE <mech> -> AUTHENTICATE + -> base64 data -> 903 or 904",
                () -> {
                    try (IrcPeer p = peer()) {
                        List<String> caps = capLs(p);
                        assumeTrue(offers(caps, "sasl"), "the server does not offer sasl here: " + caps);
                        p.send("CAP REQ :sasl");
                        assertEquals("ACK", p.expect("CAP").param(1).toUpperCase(Locale.ROOT));
                        p.send("AUTHENTICATE WIREKIT-NO-SUCH-MECH");
                        p.expect("904", "908");
                        p.sync();
                        List<String> mechanisms = caps.stream()
                                .filter(c -> c.startsWith("sasl="))
                                .map(c -> c.substring(5))
                                .findFirst()
                                .map(v -> List.of(v.split(",")))
                                .orElse(List.of("PLAIN"));
                        if (mechanisms.contains("PLAIN")) {
                            p.send("AUTHENTICATE PLAIN");
                            assertEquals("+", p.expect("AUTHENTICATE").param(0));
                            String nobody = unique("wkz");
                            p.send("AUTHENTICATE "
                                    + Base64.getEncoder()
                                            .encodeToString(("\0" + nobody + "\0wrong password")
                                                    .getBytes(StandardCharsets.UTF_8)));
                            p.expect("904");
                            p.send("AUTHENTICATE PLAIN");
                            p.expect("AUTHENTICATE");
                            p.send("AUTHENTICATE *");
                            p.expect("906");
                        }
                        String nick = unique("wk");
                        p.send("NICK " + nick);
                        p.send("USER " + nick + " 0 * :Wirekit testkit");
                        p.send("CAP END");
                        assertEquals(nick, p.expect("001").param(0));
                    }
                });
    }

    @Test
    public void optional_CH25_serverTimeTagsMessages() {
        Rule.verify(
                "CH-25",
                "optional, when CAP LS offers server-time: after CAP REQ server-time, relayed messages carry an ISO 8601 UTC time tag",
                "add @time=YYYY-MM-DDThh:mm:ss.sssZ to what a server-time client receives",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = registered(unique("wka"));
                            IrcPeer bob = peer()) {
                        List<String> caps = capLs(bob);
                        assumeTrue(offers(caps, "server-time"), "the server does not offer server-time: " + caps);
                        bob.send("CAP REQ :server-time");
                        bob.expect("CAP");
                        bob.send("CAP END");
                        bob.register(unique("wkb"));
                        join(alice, channel);
                        join(bob, channel);
                        alice.sync();
                        alice.send("PRIVMSG " + channel + " :what time is it?");
                        String time = bob.expect("PRIVMSG").tag("time");
                        assertNotNull(time, "a time tag");
                        assertTrue(ISO_TIME.matcher(time).matches(), "ISO 8601 UTC: " + time);
                    }
                });
    }

    @Test
    public void optional_CH26_echoMessageEchoes() {
        Rule.verify(
                "CH-26",
                "optional, when CAP LS offers echo-message: after CAP REQ echo-message, the sender gets its own channel message back",
                "send accepted PRIVMSGs back to a sender that negotiated echo-message",
                () -> {
                    String channel = unique("#wk");
                    try (IrcPeer alice = peer()) {
                        List<String> caps = capLs(alice);
                        assumeTrue(offers(caps, "echo-message"), "the server does not offer echo-message: " + caps);
                        alice.send("CAP REQ :echo-message");
                        alice.expect("CAP");
                        alice.send("CAP END");
                        alice.register(unique("wka"));
                        join(alice, channel);
                        alice.send("PRIVMSG " + channel + " :echo, echo");
                        assertEquals("echo, echo", alice.expect("PRIVMSG").last());
                    }
                });
    }

    private static void write(Connection c, String text) throws IOException {
        c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads lines from a raw connection until one contains any of {@code markers}; null at the end of the stream. */
    private String readLineWith(Connection c, String... markers) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (c.read(one.clear(), target().timeout()) >= 0) {
            char ch = (char) (one.get(0) & 0xff);
            if (ch != '\n') {
                line.append(ch);
                continue;
            }
            String text = line.toString();
            line.setLength(0);
            for (String marker : markers) {
                if (text.contains(marker) || text.startsWith(marker.strip())) {
                    return text;
                }
            }
        }
        return null;
    }

    /** Everything read until a line holding one of {@code markers}. */
    private String readLinesUntil(Connection c, String... markers) throws IOException {
        StringBuilder all = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (c.read(one.clear(), target().timeout()) >= 0) {
            char ch = (char) (one.get(0) & 0xff);
            line.append(ch);
            if (ch == '\n') {
                all.append(line);
                String text = line.toString();
                line.setLength(0);
                for (String marker : markers) {
                    if (text.contains(marker)) {
                        return all.toString();
                    }
                }
            }
        }
        return all.toString();
    }
}
