package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JOIN, PART, NAMES, TOPIC, LIST, WHO, MODE and channel broadcast, with several clients, on both transports. */
class ChannelTest {

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void joinBroadcastsAndListsTheMembers(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            alice.send("JOIN #Room");
            IrcMessage join = alice.expect("JOIN");
            assertEquals("alice!alice@127.0.0.1", join.source());
            assertEquals("#Room", join.param(0));
            IrcMessage names = alice.expect("353");
            assertEquals(List.of("alice", "=", "#Room", "@alice"), names.params(), "the creator is an operator");
            assertEquals("#Room", alice.expect("366").param(1));

            bob.send("JOIN #room");
            assertEquals("#Room", bob.expect("JOIN").param(0), "channel names compare case-insensitively");
            assertEquals("@alice bob", bob.expect("353").last());
            bob.expect("366");
            IrcMessage seen = alice.expect("JOIN");
            assertEquals("bob", seen.sourceNick());
            bob.send("JOIN #room");
            assertTrue(bob.sync().isEmpty(), "joining again does nothing");
            bob.send("JOIN bad,#also,#a\u0007b");
            assertEquals("bad", bob.expect("476").param(1));
            assertEquals("#also", bob.expect("JOIN").param(0));
            assertEquals("#a\u0007b", bob.expect("476").param(1));
            assertEquals(2, f.chat.channels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void channelMessagesReachEveryOtherMember(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob");
                IrcTestClient carol = f.client("carol");
                IrcTestClient outsider = f.client("dave")) {
            for (IrcTestClient c : List.of(alice, bob, carol)) {
                c.send("JOIN #room");
                c.expect("366");
            }
            alice.send("PRIVMSG #room :hello, room");
            for (IrcTestClient c : List.of(bob, carol)) {
                IrcMessage m = c.expect("PRIVMSG");
                assertEquals("alice!alice@127.0.0.1", m.source());
                assertEquals(List.of("#room", "hello, room"), m.params());
            }
            assertTrue(
                    alice.sync().stream().noneMatch(m -> m.command().equals("PRIVMSG")),
                    "no echo without echo-message");
            assertTrue(outsider.sync().isEmpty(), "non-members hear nothing");
            outsider.send("PRIVMSG #room :let me in");
            assertEquals("#room", outsider.expect("404").param(1));
            outsider.send("PRIVMSG #nowhere :hi");
            assertEquals("#nowhere", outsider.expect("403").param(1));
            bob.send("NOTICE #room :a notice");
            assertEquals("NOTICE", carol.expect("NOTICE").command());
            alice.send("PRIVMSG #room");
            alice.expect("412");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void partTellsTheMembersAndEmptyChannelsVanish(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            alice.send("JOIN #room");
            alice.expect("366");
            bob.send("JOIN #room");
            bob.expect("366");
            bob.send("PART #room :off to lunch");
            IrcMessage part = alice.expect("PART");
            assertEquals("bob", part.sourceNick());
            assertEquals(List.of("#room", "off to lunch"), part.params());
            assertEquals("PART", bob.expect("PART").command(), "the leaver sees its PART too");
            bob.send("PART #room");
            assertEquals("#room", bob.expect("442").param(1));
            bob.send("PART #gone");
            assertEquals("#gone", bob.expect("403").param(1));
            alice.send("JOIN 0");
            alice.expect("PART");
            assertEquals(0, f.chat.channels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void topicsAreProtectedAndBroadcast(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            alice.send("JOIN #room");
            alice.expect("366");
            alice.send("TOPIC #room");
            assertEquals("No topic is set", alice.expect("331").last());
            bob.send("JOIN #room");
            bob.expect("366");
            bob.send("TOPIC #room :bob was here");
            assertEquals("#room", bob.expect("482").param(1), "+t: only operators set the topic");
            alice.send("TOPIC #room :Wirekit chat");
            IrcMessage change = bob.expect("TOPIC");
            assertEquals(List.of("#room", "Wirekit chat"), change.params());
            bob.send("TOPIC #room");
            assertEquals("Wirekit chat", bob.expect("332").last());
            IrcMessage who = bob.expect("333");
            assertEquals("alice!alice@127.0.0.1", who.param(2));

            alice.send("MODE #room");
            assertEquals("+nt", alice.expect("324").param(2));
            alice.send("MODE #room +o bob");
            IrcMessage op = bob.expect("MODE");
            assertEquals(List.of("#room", "+o", "bob"), op.params());
            bob.send("TOPIC #room :now I can");
            assertEquals("now I can", alice.expect("TOPIC").last());
            bob.send("MODE #room +x");
            assertEquals("x", bob.expect("472").param(1));
            try (IrcTestClient late = f.client("late")) {
                late.send("JOIN #room");
                assertEquals("now I can", late.expect("332").last(), "joiners get the topic");
                assertEquals("@alice @bob late", late.expect("353").last());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void userModesAwayIsonUserhostAndWhoMasks(String transport) throws Exception {
        ChatServerConfig config =
                ChatFixture.config().motd(List.of("first line", "second line")).build();
        try (ChatFixture f = ChatFixture.start(transport, config);
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            assertTrue(alice.seen.stream()
                    .anyMatch(m -> m.command().equals("372") && m.last().equals("- second line")));
            alice.send("MOTD");
            alice.expect("375");
            assertEquals("- first line", alice.expect("372").last());
            alice.expect("376");
            alice.send("MODE alice");
            assertEquals("+", alice.expect("221").param(1));
            alice.send("MODE alice +i");
            assertEquals(List.of("alice", "+i"), alice.expect("MODE").params());
            alice.send("MODE alice +z");
            alice.expect("501");
            alice.send("MODE bob +i");
            alice.expect("502");
            bob.send("WHO a*");
            assertEquals("a*", bob.expect("315").param(1), "invisible alice is hidden from strangers");
            assertTrue(bob.seen.stream().noneMatch(m -> m.command().equals("352")));
            alice.send("WHO b*");
            assertEquals("bob", alice.expect("352").param(5));
            alice.expect("315");
            bob.send("AWAY :out");
            bob.expect("306");
            alice.send("ISON bob nobody alice");
            assertEquals("bob alice", alice.expect("303").last());
            alice.send("USERHOST bob");
            assertEquals("bob=-bob@127.0.0.1", alice.expect("302").last(), "'-' marks away");
            bob.send("AWAY");
            bob.expect("305");
            alice.send("NAMES");
            assertEquals("*", alice.expect("366").param(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void listAndWhoDescribeChannelsAndPeople(String transport) throws Exception {
        try (ChatFixture f = ChatFixture.start(transport, ChatFixture.config().build());
                IrcTestClient alice = f.client("alice");
                IrcTestClient bob = f.client("bob")) {
            alice.send("JOIN #one,#two");
            alice.expect("366");
            alice.expect("366");
            alice.send("TOPIC #two :second");
            alice.expect("TOPIC");
            bob.send("JOIN #two");
            bob.expect("366");
            bob.send("LIST");
            IrcMessage first = bob.expect("322");
            IrcMessage second = bob.expect("322");
            bob.expect("323");
            List<List<String>> rows =
                    List.of(first.params().subList(1, 4), second.params().subList(1, 4));
            assertTrue(rows.contains(List.of("#one", "1", "")), rows.toString());
            assertTrue(rows.contains(List.of("#two", "2", "second")), rows.toString());

            bob.send("WHO #two");
            IrcMessage a = bob.expect("352");
            assertEquals(
                    List.of("bob", "#two", "alice", "127.0.0.1", "test.wirekit", "alice", "H@", "0 Test user alice"),
                    a.params());
            assertEquals("H", bob.expect("352").param(6));
            assertEquals("#two", bob.expect("315").param(1));
            bob.send("WHOIS alice");
            assertEquals("alice", bob.expect("311").param(1));
            assertTrue(bob.expect("319").last().contains("@#two"));
            bob.expect("318");
            bob.send("WHOIS nobody");
            bob.expect("401");
            bob.expect("318");
        }
    }
}
