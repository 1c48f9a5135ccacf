package dev.wirekit.api.framing;

/** A frame is longer than the framer's maximum frame length, on decode or on encode. */
public final class FrameTooLongException extends FramingException {
    private final long length;
    private final int maxFrameLength;

    /**
     * @param length the frame's length, or a lower bound of it when the end was not yet seen
     * @param maxFrameLength the limit it exceeds
     * @param recoverable whether the decoder skips the frame and can continue (see
     *     {@link FramingException#isRecoverable()})
     */
    public FrameTooLongException(long length, int maxFrameLength, boolean recoverable) {
        super(describe(length, maxFrameLength), recoverable);
        this.length = length;
        this.maxFrameLength = maxFrameLength;
    }

    private static String describe(long length, int max) {
        return "frame of " + length + (length > max ? "" : "+") + " bytes exceeds the maximum frame length of " + max
                + " bytes";
    }

    /** The frame's length, or a lower bound when the frame's end had not yet arrived. */
    public long length() {
        return length;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }
}
