package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.scanner.MatchTable;
import dev.wirekit.scanner.ServiceInfo;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchTableTest {

    private static Optional<ServiceInfo> builtIn(String evidence, String answer) {
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        return MatchTable.builtIn().match(evidence, bytes, bytes.length);
    }

    /** Real greetings and answers, as the servers named send them. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "greeting|SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\\r\\n|ssh|OpenSSH|9.6p1|protocol 2.0",
                "greeting|SSH-2.0-dropbear_2022.83\\r\\n|ssh|Dropbear sshd|2022.83|protocol 2.0",
                "greeting|SSH-1.99-Cisco-1.25\\r\\n|ssh|Cisco-1.25||protocol 1.99",
                "greeting|220 (vsFTPd 3.0.3)\\r\\n|ftp|vsftpd|3.0.3|",
                "greeting|220 ProFTPD 1.3.8 Server (Debian) [::ffff:10.0.0.2]\\r\\n|ftp|ProFTPD|1.3.8|",
                "greeting|220 mx.example.org ESMTP Postfix (Debian/GNU)\\r\\n|smtp|Postfix smtpd||Debian/GNU",
                "greeting|220 mail.example.com ESMTP Exim 4.96 Mon, 25 Nov 2026 01:02:03 +0000\\r\\n|smtp|Exim smtpd|4.96|",
                "greeting|220 relay.example.net ESMTP ready\\r\\n|smtp|||",
                "greeting|220 files.example.net FTP server ready\\r\\n|ftp|||",
                "greeting|+OK Dovecot (Debian) ready.\\r\\n|pop3|Dovecot pop3d||",
                "greeting|+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\\r\\n|pop3|||",
                "greeting|* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\\r\\n|imap|Dovecot imapd||",
                "greeting|* OK IMAP4rev1 Service Ready\\r\\n|imap|||",
                "greeting|RFB 003.008\\n|vnc|||protocol 003.008",
                "greeting|@RSYNCD: 31.0\\n|rsync|||protocol 31.0",
                "http|HTTP/1.1 200 OK\\r\\nServer: nginx/1.25.3\\r\\nDate: Mon, 25 Nov 2026 01:02:03 GMT\\r\\n\\r\\n|http|nginx|1.25.3|",
                "http|HTTP/1.1 404 Not Found\\r\\nDate: x\\r\\nServer: Apache/2.4.62 (Debian)\\r\\n\\r\\n|http|Apache httpd|2.4.62|Debian",
                "http|HTTP/1.0 200 OK\\r\\nServer: SimpleHTTP/0.6 Python/3.11.2\\r\\n\\r\\n|http|Python http.server|0.6|Python 3.11.2",
                "http|HTTP/1.1 200 OK\\r\\nserver: gunicorn\\r\\n\\r\\n|http|gunicorn||",
                "http|HTTP/1.1 301 Moved Permanently\\r\\nLocation: /x\\r\\n\\r\\n|http|||",
                "http|-ERR unknown command 'HEAD', with args beginning with: '/' 'HTTP/1.1' \\r\\n|redis|Redis key-value store||",
                "http|RTSP/1.0 400 Bad Request\\r\\n\\r\\n|rtsp|||"
            })
    void builtInRulesIdentifyRealServers(
            String evidence, String answer, String service, String product, String version, String info) {
        String bytes = answer.replace("\\r", "\r").replace("\\n", "\n");
        ServiceInfo found = builtIn(evidence, bytes).orElseThrow(() -> new AssertionError("no rule for " + answer));
        assertEquals(service, found.name());
        assertEquals(product, found.product());
        assertEquals(version, found.version());
        assertEquals(info, found.info());
        assertEquals("probe", found.method());
        assertEquals(evidence, found.evidence());
    }

    @Test
    void mysqlGreetingIsBinary() {
        byte[] greeting = {
            0x4a, 0, 0, 0, 0x0a, '8', '.', '0', '.', '3', '6', 0, 0x0b, 0, 0, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
            0
        };
        ServiceInfo found = MatchTable.builtIn()
                .match("greeting", greeting, greeting.length)
                .orElseThrow();
        assertEquals("mysql", found.name());
        assertEquals("MySQL", found.product());
        assertEquals("8.0.36", found.version());
    }

    @Test
    void rulesOnlyLookAtTheirEvidence() {
        assertTrue(builtIn("http", "SSH-2.0-OpenSSH_9.6p1\r\n").isEmpty(), "an SSH greeting is not an HTTP answer");
        assertTrue(builtIn("greeting", "-ERR unknown command 'HEAD'\r\n").isEmpty());
        assertTrue(builtIn("greeting", "\u0000\u0001garbage").isEmpty());
    }

    @Test
    void insertedGroupsAreMadePrintable() throws Exception {
        MatchTable table =
                MatchTable.parse("test", new StringReader("match greeting x m|^X (\\S+)| p/$1/ v|$2| i=[$1]=\n"));
        byte[] answer = "X ab\u001bcd\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ServiceInfo found = table.match("greeting", answer, answer.length).orElseThrow();
        assertEquals("ab\\x1bcd", found.product());
        assertNull(found.version(), "a group that does not exist inserts nothing");
        assertEquals("[ab\\x1bcd]", found.info());
    }

    @Test
    void userRulesComeFirst() throws Exception {
        MatchTable mine =
                MatchTable.parse("mine", new StringReader("match greeting custom-ssh m|^SSH-2\\.0-OpenSSH| p/Mine/\n"));
        byte[] answer = "SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                "custom-ssh",
                mine.then(MatchTable.builtIn())
                        .match("greeting", answer, answer.length)
                        .orElseThrow()
                        .name());
        assertEquals(
                MatchTable.builtIn().size() + 1, mine.then(MatchTable.builtIn()).size());
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '"',
            value = {
                "matc greeting x m|a| => expected 'match', found 'matc'",
                "match banner x m/a/ => the evidence must be greeting, http or *",
                "match greeting X m/a/ => 'X' is not a service name",
                "match greeting x => expected the pattern",
                "match greeting x m/a => the pattern is not closed with '/'",
                "match greeting x m/(/ => bad regular expression: Unclosed group",
                "match greeting x m/a/q => unknown pattern flag 'q'",
                "match greeting x m/a/ z/b/ => unknown field 'z'",
                "match greeting x m/a/ p/b/ p/c/ => the p field is given twice",
                "match greeting x m a  => needs a delimiter",
                "match greeting => expected a service name"
            })
    void malformedRulesNameTheLine(String line, String expected) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MatchTable.parse("rules.txt", new StringReader("# comment\n\n" + line + "\n")));
        assertTrue(e.getMessage().startsWith("rules.txt line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aPathologicalPatternRunsOutOfTimeInsteadOfHangingTheScan() throws Exception {
        MatchTable evil = MatchTable.parse("evil", new StringReader("match greeting slow m|^(a+)+$|\n"));
        byte[] answer = ("a".repeat(64) + "!").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        assertTrue(evil.match("greeting", answer, answer.length).isEmpty());
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "gave up (the budget is 100 ms)");
    }
}
