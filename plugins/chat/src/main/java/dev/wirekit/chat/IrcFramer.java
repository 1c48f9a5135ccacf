package dev.wirekit.chat;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.FrameDecoder;
import dev.wirekit.api.framing.FrameTooLongException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.api.framing.FramingException;
import dev.wirekit.api.framing.LineEnding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link IrcCodec}'s framer: decoding is the built-in line framer with the IRC parser and size checks
 * on top (as {@link Framer#map} would do); encoding hands out a read-only view of the message's
 * cached wire bytes, so a message fanned out to a hundred clients is formatted and encoded once.
 */
final class IrcFramer implements Framer<IrcMessage> {
    private final Framer<String> lines;
    private final int maxTags;

    IrcFramer(int maxTags) {
        this.maxTags = maxTags;
        this.lines = Framers.lines(maxTags + IrcCodec.MAX_BODY, StandardCharsets.UTF_8, LineEnding.CRLF);
    }

    @Override
    public FrameDecoder<IrcMessage> newDecoder() {
        FrameDecoder<String> text = lines.newDecoder();
        return in -> {
            String line = text.decode(in);
            return line == null ? null : convert(line);
        };
    }

    private IrcMessage convert(String line) {
        try {
            return IrcCodec.decode(line, maxTags);
        } catch (FramingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptedFrameException("not an IRC message: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void encode(IrcMessage message, List<ByteBuffer> out) {
        byte[] line = message.line();
        int tags = 0;
        if (line.length > 0 && line[0] == '@') {
            while (line[tags] != ' ') {
                tags++;
            }
            tags++;
            if (tags > IrcCodec.MAX_SERVER_TAGS) {
                throw new FrameTooLongException(tags, IrcCodec.MAX_SERVER_TAGS, true);
            }
        }
        int body = line.length - 2 - tags;
        if (body > IrcCodec.MAX_BODY) {
            throw new FrameTooLongException(body, IrcCodec.MAX_BODY, true);
        }
        out.add(ByteBuffer.wrap(line).asReadOnlyBuffer());
    }

    @Override
    public int maxFrameLength() {
        return lines.maxFrameLength();
    }

    @Override
    public IrcMessage decodeDatagram(ByteBuffer datagram) {
        return convert(lines.decodeDatagram(datagram));
    }

    @Override
    public ByteBuffer encodeDatagram(IrcMessage message) {
        return lines.encodeDatagram(message.toString());
    }

    @Override
    public String toString() {
        return "irc(" + lines + ")";
    }
}
