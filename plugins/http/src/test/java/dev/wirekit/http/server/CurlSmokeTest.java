package dev.wirekit.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.Curl;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import org.junit.jupiter.api.Test;

class CurlSmokeTest {
    @Test
    void getsAFile() throws Exception {
        Curl.assumeInstalled();
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start("nio", site)) {
            Curl.Result r = Curl.run("-v", f.url("/hello.txt"));
            System.err.println(r.err());
            assertEquals(0, r.exit(), r.err());
            assertEquals(TestSite.HELLO, r.out());
            assertTrue(r.err().contains("200 OK"));
        }
    }
}
