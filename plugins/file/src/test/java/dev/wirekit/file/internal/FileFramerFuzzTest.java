package dev.wirekit.file.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.file.internal.FileMessage.Chunk;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * Coverage-guided fuzzing of what a file server reads from strangers. Without JAZZER_FUZZ=1 each
 * target replays its stored inputs only.
 */
class FileFramerFuzzTest {

    /**
     * Arbitrary bytes in arbitrary pieces through the header decoder and its raw mode: messages or
     * FramingExceptions and nothing else, never a chunk over the limit, never a hoarded buffer.
     */
    @FuzzTest
    void headerDecoderOnlyThrowsFramingExceptions(FuzzedDataProvider data) {
        FrameDecoder<FileMessage> decoder = FileFramer.instance().newDecoder();
        ByteBuffer buffer = ByteBuffer.allocate(0);
        while (data.remainingBytes() > 0) {
            byte[] piece = data.consumeBytes(1 + data.consumeInt(0, 400));
            buffer = ByteBuffer.allocate(buffer.remaining() + piece.length)
                    .put(buffer)
                    .put(piece)
                    .flip();
            while (true) {
                FileMessage message;
                try {
                    message = decoder.decode(buffer);
                } catch (FramingException e) {
                    return; // the connection would be closed here
                }
                if (message == null) {
                    break;
                }
                if (message instanceof Chunk c
                        && (c.data().remaining() > FileFramer.MAX_CHUNK
                                || !c.data().hasRemaining())) {
                    throw new AssertionError("a chunk of " + c.data().remaining() + " bytes");
                }
            }
            if (buffer.remaining() > FileFramer.MAX_FRAME + 4) {
                throw new AssertionError("the decoder holds " + buffer.remaining() + " bytes");
            }
        }
    }

    /**
     * Whatever a client sends as a name, one the policy accepts is a plain child of the root, and
     * stays free of separators and dot-names after normalisation.
     */
    @FuzzTest
    void acceptedNamesStayInTheRoot(String name) {
        if (name == null || !NamePolicy.allowed(name)) {
            return;
        }
        Path root = Path.of("/srv/root");
        Path resolved = root.resolve(name).normalize();
        if (!root.equals(resolved.getParent())) {
            throw new AssertionError("'" + name + "' resolves to " + resolved);
        }
        for (Normalizer.Form form : Normalizer.Form.values()) {
            String n = Normalizer.normalize(name, form);
            if (n.indexOf('/') >= 0 || n.indexOf('\\') >= 0 || n.startsWith(".") || n.indexOf('\0') >= 0) {
                throw new AssertionError("'" + name + "' becomes '" + n + "' under " + form);
            }
        }
    }
}
