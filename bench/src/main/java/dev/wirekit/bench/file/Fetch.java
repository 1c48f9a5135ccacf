package dev.wirekit.bench.file;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One download, the same way for every server: a plain blocking {@link SocketChannel}, the request
 * written by hand, the body read into one 1 MiB direct buffer and thrown away. Only the protocol's
 * few header bytes differ between Wirekit's file protocol and HTTP.
 */
final class Fetch {
    private static final int BUFFER = 1 << 20;

    private Fetch() {}

    /** Downloads {@code name} with the Wirekit file protocol; returns the body's length. */
    static long wirekit(InetSocketAddress server, String name) throws IOException {
        try (SocketChannel ch = SocketChannel.open(server)) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer request = ByteBuffer.allocate(13 + 4 + 1 + 2 + n.length + 8);
            request.putInt(9).put((byte) 0x01).put("WKFT".getBytes(StandardCharsets.US_ASCII));
            request.putShort((short) 1).putShort((short) 0);
            request.putInt(1 + 2 + n.length + 8)
                    .put((byte) 0x20)
                    .putShort((short) n.length)
                    .put(n)
                    .putLong(0);
            write(ch, request.flip());
            ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).limit(0);
            ByteBuffer welcome = frame(ch, in);
            if (welcome.get(0) != 0x02) {
                throw new IOException("no WELCOME: type " + welcome.get(0));
            }
            ByteBuffer file = frame(ch, in);
            if (file.get(0) != 0x21) {
                throw new IOException("no FILE: type " + file.get(0));
            }
            long length = file.getLong(1 + 8 + 8 + 32 + 8);
            return drain(ch, in, length);
        }
    }

    /** Downloads {@code /name} over HTTP/1.1; returns the body's length. */
    static long http(InetSocketAddress server, String name) throws IOException {
        try (SocketChannel ch = SocketChannel.open(server)) {
            String request = "GET /" + name + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            write(ch, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).limit(0);
            StringBuilder head = new StringBuilder();
            while (true) {
                if (!in.hasRemaining()) {
                    in.clear();
                    if (ch.read(in) < 0) {
                        throw new IOException("closed in the headers");
                    }
                    in.flip();
                }
                head.append((char) in.get());
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                throw new IOException(
                        "HTTP answered " + head.toString().lines().findFirst().orElse(""));
            }
            long length = head.toString()
                    .lines()
                    .filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .mapToLong(l -> Long.parseLong(l.substring(15).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no Content-Length"));
            return drain(ch, in, length);
        }
    }

    /** Reads and discards {@code length} bytes: those already in {@code in} first. */
    private static long drain(SocketChannel ch, ByteBuffer in, long length) throws IOException {
        long got = in.remaining();
        while (got < length) {
            in.clear();
            int n = ch.read(in);
            if (n < 0) {
                throw new IOException("closed after " + got + " of " + length + " bytes");
            }
            got += n;
        }
        return length;
    }

    /** The next length-prefixed frame's payload; {@code in} is in read mode and keeps what follows. */
    private static ByteBuffer frame(SocketChannel ch, ByteBuffer in) throws IOException {
        fill(ch, in, 4);
        int length = in.getInt();
        fill(ch, in, length);
        ByteBuffer payload = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            payload.put(in.get());
        }
        return payload.flip();
    }

    private static void fill(SocketChannel ch, ByteBuffer in, int need) throws IOException {
        while (in.remaining() < need) {
            in.compact();
            if (ch.read(in) < 0) {
                throw new IOException("closed in a header");
            }
            in.flip();
        }
    }

    private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
