package dev.wirekit.testkit.wire;

import java.util.Objects;

/**
 * Something a wire suite must know about the server it checks and cannot find out over the wire:
 * a name the DNS zone holds, a file the HTTP server serves, whether the file server takes uploads.
 * Each suite declares its facts with defaults that match the documented setup of Wirekit's own
 * server ({@code testkit/README.md}); give other values with {@code --fact name=value} or
 * {@link WireTarget#withFact}. A fact given as the empty string is missing: the rules that need it
 * skip, saying which fact to give.
 *
 * @param name the fact's name, such as {@code host}
 * @param description what it is, for {@code wirekit testkit SUITE --list-facts}
 * @param defaultValue its value in the documented setup; empty when there is none (the rules that
 *     need it skip unless it is given)
 */
public record Fact(String name, String description, String defaultValue) {
    public Fact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }
}
