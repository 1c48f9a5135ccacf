package dev.wirekit.dns;

import dev.wirekit.dns.internal.MessageCodec;
import dev.wirekit.dns.internal.MessageText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DNS message (RFC 1035 §4): header, questions, and the answer, authority and additional
 * sections, plus the EDNS(0) part when the message has an OPT record (RFC 6891).
 *
 * <p>Immutable; made with a {@link Builder}, read from bytes with {@link #decode}, written with
 * {@link #encode()}. Encoding compresses names; decoding is strict and throws
 * {@link DnsFormatException} for anything malformed, so a decoded message is always consistent.
 *
 * <pre>{@code
 * DnsMessage query = DnsMessage.query(0x1234, DnsQuestion.of("example.com", RecordType.MX))
 *         .edns(Edns.of(1232))
 *         .build();
 * ByteBuffer wire = query.encode();
 * DnsMessage back = DnsMessage.decode(wire);      // equals query
 * }</pre>
 *
 * <p>The OPT record never appears among {@link #additionals()}: it is {@link #edns()}, and the
 * extended response code is folded into {@link #rcode()}. {@code toString()} prints the message
 * the way {@code dig} does.
 */
public final class DnsMessage {
    private final int id;
    private final boolean response;
    private final Opcode opcode;
    private final boolean authoritative;
    private final boolean truncated;
    private final boolean recursionDesired;
    private final boolean recursionAvailable;
    private final boolean authenticData;
    private final boolean checkingDisabled;
    private final ResponseCode rcode;
    private final List<DnsQuestion> questions;
    private final List<DnsRecord> answers;
    private final List<DnsRecord> authorities;
    private final List<DnsRecord> additionals;
    private final Edns edns;
    /** The encoding, once computed; the message is immutable, so it never goes stale. */
    private volatile byte[] encoded;

    private DnsMessage(Builder b) {
        id = b.id;
        response = b.response;
        opcode = b.opcode;
        authoritative = b.authoritative;
        truncated = b.truncated;
        recursionDesired = b.recursionDesired;
        recursionAvailable = b.recursionAvailable;
        authenticData = b.authenticData;
        checkingDisabled = b.checkingDisabled;
        rcode = b.rcode;
        questions = List.copyOf(b.questions);
        answers = List.copyOf(b.answers);
        authorities = List.copyOf(b.authorities);
        additionals = List.copyOf(b.additionals);
        edns = b.edns;
        if (rcode.isExtended() && edns == null) {
            throw new IllegalArgumentException("response code " + rcode + " needs EDNS; set edns(...) too");
        }
        if (questions.size() > 0xFFFF
                || answers.size() > 0xFFFF
                || authorities.size() > 0xFFFF
                || additionals.size() + (edns == null ? 0 : 1) > 0xFFFF) {
            throw new IllegalArgumentException("a section holds more than 65535 entries");
        }
    }

    private DnsMessage(DnsMessage m, int newId) {
        id = newId;
        response = m.response;
        opcode = m.opcode;
        authoritative = m.authoritative;
        truncated = m.truncated;
        recursionDesired = m.recursionDesired;
        recursionAvailable = m.recursionAvailable;
        authenticData = m.authenticData;
        checkingDisabled = m.checkingDisabled;
        rcode = m.rcode;
        questions = m.questions;
        answers = m.answers;
        authorities = m.authorities;
        additionals = m.additionals;
        edns = m.edns;
        byte[] b = m.encoded;
        if (b != null) {
            byte[] copy = b.clone();
            copy[0] = (byte) (newId >> 8);
            copy[1] = (byte) newId;
            encoded = copy;
        }
    }

    /** A new builder: a query with ID 0, opcode QUERY, no flags, no records. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder for a standard recursive query: {@code id}, one question, RD set. */
    public static Builder query(int id, DnsQuestion question) {
        return builder().id(id).recursionDesired(true).question(question);
    }

    /**
     * A builder for the response to {@code query}: same ID, opcode, questions, RD and CD bits, with
     * QR set and response code NOERROR. Add records, AA, RA and EDNS as needed.
     */
    public static Builder responseTo(DnsMessage query) {
        return builder()
                .id(query.id)
                .response(true)
                .opcode(query.opcode)
                .recursionDesired(query.recursionDesired)
                .checkingDisabled(query.checkingDisabled)
                .questions(query.questions);
    }

    /** A builder that starts from this message. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.response = response;
        b.opcode = opcode;
        b.authoritative = authoritative;
        b.truncated = truncated;
        b.recursionDesired = recursionDesired;
        b.recursionAvailable = recursionAvailable;
        b.authenticData = authenticData;
        b.checkingDisabled = checkingDisabled;
        b.rcode = rcode;
        b.questions = questions;
        b.answers = answers;
        b.authorities = authorities;
        b.additionals = additionals;
        b.edns = edns;
        return b;
    }

    /**
     * Decodes one whole message from {@code wire}'s remaining bytes, advancing its position to its
     * limit.
     *
     * @throws DnsFormatException when the bytes are not exactly one well-formed message
     */
    public static DnsMessage decode(ByteBuffer wire) {
        int length = wire.remaining();
        DnsMessage m;
        if (wire.hasArray()) {
            m = MessageCodec.decode(wire.array(), wire.arrayOffset() + wire.position(), length);
        } else {
            byte[] copy = new byte[length];
            wire.duplicate().get(copy);
            m = MessageCodec.decode(copy, 0, length);
        }
        wire.position(wire.limit());
        return m;
    }

    /**
     * Decodes one whole message from {@code wire}.
     *
     * @throws DnsFormatException when the bytes are not exactly one well-formed message
     */
    public static DnsMessage decode(byte[] wire) {
        return MessageCodec.decode(wire, 0, wire.length);
    }

    /**
     * The wire form, names compressed, in a read-only buffer.
     *
     * @throws IllegalArgumentException when the message would be longer than 65535 bytes (use
     *     {@link #truncate(int)} first)
     */
    public ByteBuffer encode() {
        return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
    }

    /** The wire form as a new array. */
    public byte[] toByteArray() {
        return bytes().clone();
    }

    private byte[] bytes() {
        byte[] b = encoded;
        if (b == null) {
            MessageCodec.Encoded e = MessageCodec.encode(this, MessageCodec.MAX_MESSAGE);
            if (e.answers() != answers.size()
                    || e.authorities() != authorities.size()
                    || e.additionals() != additionals.size()) {
                throw new IllegalArgumentException("the message does not fit in 65535 bytes; truncate it first");
            }
            b = e.bytes();
            encoded = b;
        }
        return b;
    }

    /** The number of bytes {@link #encode()} writes. */
    public int encodedSize() {
        return bytes().length;
    }

    /**
     * This message cut to fit in {@code maxBytes} when encoded, as a UDP response must be: whole
     * record sets are kept in order while they fit; if an answer or authority record set had to go,
     * the result has TC set (RFC 2181 §9) and the client should retry over TCP. Additional records
     * that do not fit are left out without TC. Questions and EDNS are always kept.
     *
     * @return this message when it fits already
     * @throws IllegalArgumentException when the questions and EDNS alone exceed {@code maxBytes}
     */
    public DnsMessage truncate(int maxBytes) {
        if (maxBytes < 12) {
            throw new IllegalArgumentException("maxBytes < 12: " + maxBytes);
        }
        byte[] b = encoded;
        if (b != null && b.length <= maxBytes) {
            return this;
        }
        MessageCodec.Encoded e = MessageCodec.encode(this, Math.min(maxBytes, MessageCodec.MAX_MESSAGE));
        boolean whole = e.answers() == answers.size()
                && e.authorities() == authorities.size()
                && e.additionals() == additionals.size();
        if (whole) {
            encoded = e.bytes();
            return this;
        }
        DnsMessage cut = toBuilder()
                .truncated(e.truncated())
                .answers(answers.subList(0, e.answers()))
                .authorities(authorities.subList(0, e.authorities()))
                .additionals(additionals.subList(0, e.additionals()))
                .build();
        cut.encoded = e.bytes();
        return cut;
    }

    /**
     * This message with another ID, made cheaply: the sections are shared and an encoding already
     * computed is reused with the ID patched. For answering the same question again (a server's
     * answer cache) or asking it again (a retry).
     */
    public DnsMessage withId(int newId) {
        if (newId < 0 || newId > 0xFFFF) {
            throw new IllegalArgumentException("id out of range 0-65535: " + newId);
        }
        return newId == id ? this : new DnsMessage(this, newId);
    }

    /** The 16-bit ID that pairs a response with its query. */
    public int id() {
        return id;
    }

    /** QR: true for a response, false for a query. */
    public boolean response() {
        return response;
    }

    public Opcode opcode() {
        return opcode;
    }

    /** AA: the responding server is an authority for the name in the question. */
    public boolean authoritative() {
        return authoritative;
    }

    /** TC: the message was truncated to fit; retry over TCP for the whole answer. */
    public boolean truncated() {
        return truncated;
    }

    /** RD: the querier asks the server to pursue the query recursively. */
    public boolean recursionDesired() {
        return recursionDesired;
    }

    /** RA: the server offers recursion to this client. */
    public boolean recursionAvailable() {
        return recursionAvailable;
    }

    /** AD: the data was validated by DNSSEC (RFC 4035). */
    public boolean authenticData() {
        return authenticData;
    }

    /** CD: the querier does not want DNSSEC checking (RFC 4035). */
    public boolean checkingDisabled() {
        return checkingDisabled;
    }

    /** The response code, including the EDNS extended bits. */
    public ResponseCode rcode() {
        return rcode;
    }

    public List<DnsQuestion> questions() {
        return questions;
    }

    /**
     * The one question of a standard message.
     *
     * @throws IllegalStateException when the message has no question
     */
    public DnsQuestion question() {
        if (questions.isEmpty()) {
            throw new IllegalStateException("the message has no question");
        }
        return questions.get(0);
    }

    public List<DnsRecord> answers() {
        return answers;
    }

    public List<DnsRecord> authorities() {
        return authorities;
    }

    /** The additional section, without the OPT record (that is {@link #edns()}). */
    public List<DnsRecord> additionals() {
        return additionals;
    }

    /** The EDNS(0) part, when the message carries an OPT record. */
    public Optional<Edns> edns() {
        return Optional.ofNullable(edns);
    }

    /** The answers of {@code type}, in order. */
    public List<DnsRecord> answers(RecordType type) {
        return answers.stream().filter(r -> r.type().equals(type)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnsMessage m
                && m.id == id
                && m.response == response
                && m.opcode.equals(opcode)
                && m.authoritative == authoritative
                && m.truncated == truncated
                && m.recursionDesired == recursionDesired
                && m.recursionAvailable == recursionAvailable
                && m.authenticData == authenticData
                && m.checkingDisabled == checkingDisabled
                && m.rcode.equals(rcode)
                && m.questions.equals(questions)
                && m.answers.equals(answers)
                && m.authorities.equals(authorities)
                && m.additionals.equals(additionals)
                && Objects.equals(m.edns, edns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, rcode, questions, answers, authorities, additionals, edns);
    }

    /** The message as {@code dig} prints it: header, flags, EDNS and each section. */
    @Override
    public String toString() {
        return MessageText.format(this);
    }

    /** Builds a {@link DnsMessage}; every setter checks its argument at once. */
    public static final class Builder {
        private int id;
        private boolean response;
        private Opcode opcode = Opcode.QUERY;
        private boolean authoritative;
        private boolean truncated;
        private boolean recursionDesired;
        private boolean recursionAvailable;
        private boolean authenticData;
        private boolean checkingDisabled;
        private ResponseCode rcode = ResponseCode.NOERROR;
        // Immutable lists until something is added: build() then copies nothing.
        private List<DnsQuestion> questions = List.of();
        private List<DnsRecord> answers = List.of();
        private List<DnsRecord> authorities = List.of();
        private List<DnsRecord> additionals = List.of();
        private Edns edns;

        private Builder() {}

        /** The ID, 0-65535. */
        public Builder id(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("id out of range 0-65535: " + value);
            }
            id = value;
            return this;
        }

        public Builder response(boolean value) {
            response = value;
            return this;
        }

        public Builder opcode(Opcode value) {
            opcode = Objects.requireNonNull(value, "opcode");
            return this;
        }

        public Builder authoritative(boolean value) {
            authoritative = value;
            return this;
        }

        public Builder truncated(boolean value) {
            truncated = value;
            return this;
        }

        public Builder recursionDesired(boolean value) {
            recursionDesired = value;
            return this;
        }

        public Builder recursionAvailable(boolean value) {
            recursionAvailable = value;
            return this;
        }

        public Builder authenticData(boolean value) {
            authenticData = value;
            return this;
        }

        public Builder checkingDisabled(boolean value) {
            checkingDisabled = value;
            return this;
        }

        /** The response code; an extended one (over 15) needs {@link #edns(Edns)} too. */
        public Builder rcode(ResponseCode value) {
            rcode = Objects.requireNonNull(value, "rcode");
            return this;
        }

        /** Adds a question. */
        public Builder question(DnsQuestion value) {
            questions = mutable(questions);
            questions.add(Objects.requireNonNull(value, "question"));
            return this;
        }

        /** Replaces the questions. */
        public Builder questions(List<DnsQuestion> value) {
            questions = List.copyOf(value);
            return this;
        }

        /** Adds an answer record. */
        public Builder answer(DnsRecord value) {
            answers = mutable(answers);
            answers.add(Objects.requireNonNull(value, "answer"));
            return this;
        }

        /** Replaces the answer section. */
        public Builder answers(List<DnsRecord> value) {
            answers = List.copyOf(value);
            return this;
        }

        /** Adds an authority record. */
        public Builder authority(DnsRecord value) {
            authorities = mutable(authorities);
            authorities.add(Objects.requireNonNull(value, "authority"));
            return this;
        }

        /** Replaces the authority section. */
        public Builder authorities(List<DnsRecord> value) {
            authorities = List.copyOf(value);
            return this;
        }

        /** Adds an additional record. */
        public Builder additional(DnsRecord value) {
            additionals = mutable(additionals);
            additionals.add(Objects.requireNonNull(value, "additional"));
            return this;
        }

        /** Replaces the additional section (without OPT: use {@link #edns(Edns)}). */
        public Builder additionals(List<DnsRecord> value) {
            additionals = List.copyOf(value);
            return this;
        }

        /** The EDNS(0) part; null for none. */
        public Builder edns(Edns value) {
            edns = value;
            return this;
        }

        private static <T> List<T> mutable(List<T> list) {
            return list instanceof ArrayList<T> ? list : new ArrayList<>(list);
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException when the response code needs EDNS and there is none, or a
         *     section holds more than 65535 entries
         */
        public DnsMessage build() {
            return new DnsMessage(this);
        }
    }
}
