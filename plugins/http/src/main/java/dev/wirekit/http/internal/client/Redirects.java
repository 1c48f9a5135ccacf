package dev.wirekit.http.internal.client;

import dev.wirekit.http.client.ClientRequest;
import dev.wirekit.http.client.ClientResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which redirects are followed and how the next request is made (RFC 9110 section 15.4). */
final class Redirects {
    private Redirects() {}

    /**
     * The request that follows {@code response} to {@code request}, or null when the redirect is
     * not followed: no or a bad Location, https to http, not an http(s) URI, or a 307/308 whose
     * streamed body cannot be sent again.
     */
    static ClientRequest follow(ClientRequest request, ClientResponse response) {
        String location = response.header("Location");
        if (location == null) {
            return null;
        }
        URI target;
        try {
            target = ClientEngine.resolve(request.uri(), location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            return null;
        }
        if (request.uri().getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            return null; // never downgrade
        }
        int status = response.status();
        ClientRequest.Builder next = request.toBuilder().uri(target);
        boolean keepMethod = status == 307 || status == 308;
        if (!keepMethod && status != 301 && status != 302 && status != 303) {
            return null; // 300, 304, 305, 306: nothing to follow
        }
        if (keepMethod) {
            if (!request.isReplayable()) {
                return null;
            }
        } else if (status == 303 && !request.method().equals("HEAD")
                || !request.method().equals("HEAD") && !request.method().equals("GET")) {
            next.method("GET").noBody().removeHeader("Content-Type");
        }
        if (!Origin.of(target).equals(Origin.of(request.uri()))) {
            next.removeHeader("Authorization").removeHeader("Cookie").removeHeader("Proxy-Authorization");
        }
        next.removeHeader("Host");
        return next.build();
    }
}
