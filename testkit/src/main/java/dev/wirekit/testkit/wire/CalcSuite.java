package dev.wirekit.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.Rule;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Calculator servers: one expression per line, one answer per line (SPEC.md, section CA). */
public class CalcSuite extends WireSuite {

    private String ask(ClientSession<String> c, String expression) throws java.io.IOException {
        c.send(expression);
        String answer = c.receive(target().timeout());
        assertTrue(answer != null, "the server closed the connection instead of answering '" + expression + "'");
        return answer;
    }

    @Test
    public void required_CA1_additionAnswered() {
        Rule.verify("CA-1", "'5 + 3' is answered '8'", "answer each line with the value alone, on one line", () -> {
            try (ClientSession<String> c = connect(Framers.lines(4096))) {
                assertEquals("8", ask(c, "5 + 3"));
            }
        });
    }

    @Test
    public void required_CA2_precedenceAndParentheses() {
        Rule.verify(
                "CA-2",
                "multiplication binds tighter than addition; parentheses group",
                "parse with precedence (a recursive-descent parser), not left to right",
                () -> {
                    try (ClientSession<String> c = connect(Framers.lines(4096))) {
                        assertEquals("14", ask(c, "2 + 3 * 4"));
                        assertEquals("20", ask(c, "(2 + 3) * 4"));
                        assertEquals("2.5", ask(c, "5 / 2"));
                    }
                });
    }

    @Test
    public void required_CA3_divisionByZeroIsAnError() {
        Rule.verify(
                "CA-3",
                "'1 / 0' is answered with a line starting 'ERROR'",
                "check divisors before dividing and answer with an error line",
                () -> {
                    try (ClientSession<String> c = connect(Framers.lines(4096))) {
                        String answer = ask(c, "1 / 0");
                        assertTrue(answer.startsWith("ERROR"), "the answer was '" + answer + "'");
                    }
                });
    }

    @Test
    public void required_CA4_garbageIsAnErrorAndTheSessionGoesOn() {
        Rule.verify(
                "CA-4",
                "an expression that cannot be parsed gets an ERROR line, and the next one is answered",
                "report parse errors as replies, never by closing the connection",
                () -> {
                    try (ClientSession<String> c = connect(Framers.lines(4096))) {
                        String answer = ask(c, "five plus three");
                        assertTrue(answer.startsWith("ERROR"), "the answer was '" + answer + "'");
                        assertEquals("42", ask(c, "6 * 7"));
                    }
                });
    }

    @Test
    public void optional_CA5_datagramAnswered() {
        assumeTrue(target().datagrams(), "the target was not declared to serve UDP (--udp)");
        Rule.verify(
                "CA-5",
                "a datagram holding an expression is answered with a datagram holding its value",
                "treat each datagram as one expression",
                () -> {
                    try (ClientSession<String> c = connectDatagram(Framers.lines(4096))) {
                        String reply = null;
                        for (int attempt = 0; attempt < 5 && reply == null; attempt++) {
                            c.send("6 * 7");
                            try {
                                reply = c.receive(target().timeout().dividedBy(5));
                            } catch (SocketTimeoutException lost) {
                                // UDP may drop: ask again
                            }
                        }
                        assertEquals("42", reply);
                    }
                });
    }
}
