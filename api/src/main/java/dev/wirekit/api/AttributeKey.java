package dev.wirekit.api;

import java.util.Objects;

/**
 * A typed key for {@link Session#attribute(AttributeKey)}. Keys compare by identity: create each
 * once, as a constant.
 *
 * <pre>{@code
 * static final AttributeKey<String> NICK = AttributeKey.of("nick", String.class);
 * }</pre>
 */
public final class AttributeKey<A> {
    private final String name;
    private final Class<A> type;

    private AttributeKey(String name, Class<A> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <A> AttributeKey<A> of(String name, Class<A> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    /** Casts an attribute value stored under this key. */
    public A valueOf(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "AttributeKey(" + name + ": " + type.getSimpleName() + ")";
    }
}
