package dev.wirekit.dns;

import java.util.Objects;

/**
 * What a query asks: a name, a type and a class (RFC 1035 §4.1.2). Equal when the names are equal
 * ignoring case and the type and class are the same.
 *
 * @param name the name asked about
 * @param type the record type wanted ({@link RecordType#ANY} for all)
 * @param recordClass the class, almost always {@link RecordClass#IN}
 */
public record DnsQuestion(DnsName name, RecordType type, RecordClass recordClass) {
    public DnsQuestion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordClass, "recordClass");
    }

    /** A question in class IN. */
    public static DnsQuestion of(DnsName name, RecordType type) {
        return new DnsQuestion(name, type, RecordClass.IN);
    }

    /** A question in class IN about {@code name} (text form). */
    public static DnsQuestion of(String name, RecordType type) {
        return new DnsQuestion(DnsName.of(name), type, RecordClass.IN);
    }

    /** {@code dig}'s form: {@code example.com. IN MX}. */
    @Override
    public String toString() {
        return name + " " + recordClass + " " + type;
    }
}
