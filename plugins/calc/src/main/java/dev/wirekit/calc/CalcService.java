package dev.wirekit.calc;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.framing.FramingException;

/**
 * Answers each line (or datagram) with the value of the expression it holds, or with
 * {@code ERROR: <why>}: {@code 5 + 3} gets {@code 8}, {@code 1/0} gets
 * {@code ERROR: division by zero}. A line that is too long or not valid UTF-8 gets an error reply too,
 * and the session goes on.
 */
public final class CalcService implements Service<String> {
    private final int maxReply;

    /** A service whose replies fit in {@code maxReply} bytes: the limit of the framer it runs on. */
    public CalcService(int maxReply) {
        if (maxReply < 16) {
            throw new IllegalArgumentException("maxReply < 16: " + maxReply);
        }
        this.maxReply = maxReply;
    }

    @Override
    public void onMessage(Session<String> session, String message) {
        session.send(fit(answer(message)));
    }

    /** Shortens an (error) reply that would not fit the framer, rather than failing to send it. */
    private String fit(String reply) {
        if (reply.length() <= maxReply / 4
                || reply.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= maxReply) {
            return reply;
        }
        return reply.substring(0, Math.max(0, maxReply / 4 - 3)) + "...";
    }

    /** The reply to one expression. */
    public static String answer(String expression) {
        try {
            return Calculator.format(Calculator.evaluate(expression));
        } catch (CalcException e) {
            return "ERROR: " + e.getMessage();
        }
    }

    @Override
    public boolean onFramingError(Session<String> session, FramingException error) {
        String why = error instanceof dev.wirekit.api.framing.FrameTooLongException tooLong
                ? "line longer than " + tooLong.maxFrameLength() + " bytes"
                : "line is not valid UTF-8 text";
        session.send(fit("ERROR: " + why));
        return true;
    }

    @Override
    public boolean isNonBlocking() {
        return true;
    }
}
