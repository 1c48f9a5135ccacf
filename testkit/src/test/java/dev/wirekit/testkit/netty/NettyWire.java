package dev.wirekit.testkit.netty;

import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One Netty channel as a Wirekit wire: reads go to the receiver on the channel's event loop. */
final class NettyWire extends ChannelInboundHandlerAdapter implements Wire {
    private final SocketChannel channel;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile WireReceiver receiver;
    private volatile Throwable failure;

    NettyWire(SocketChannel channel) {
        this.channel = channel;
        channel.pipeline().addLast(this);
    }

    @Override
    public void start(WireReceiver receiver) {
        this.receiver = receiver;
        channel.eventLoop().execute(() -> {
            receiver.onActive();
            if (!channel.isActive()) {
                reportClosed();
                return;
            }
            channel.config().setAutoRead(true);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            receiver.onData(
                    buf.nioBufferCount() == 1
                            ? buf.nioBuffer()
                            : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(buf)));
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && receiver != null) {
            receiver.onEndOfStream();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (receiver != null) {
            reportClosed();
        }
    }

    private void reportClosed() {
        if (closedReported.compareAndSet(false, true)) {
            receiver.onClosed(failure);
        }
    }

    @Override
    public void write(ByteBuffer... buffers) {
        if (!channel.isOpen()) {
            return;
        }
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        long size = n;
        queued.addAndGet(size);
        channel.writeAndFlush(Unpooled.wrappedBuffer(buffers)).addListener(f -> {
            if (!f.isSuccess() && failure == null) {
                failure = f.cause();
            }
            if (queued.addAndGet(-size) == 0 && receiver != null) {
                receiver.onDrained();
            }
        });
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        // Not zero-copy (Netty's DefaultFileRegion closes the caller's channel): read, then write.
        try {
            for (long done = 0; done < count; ) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(64 * 1024, count - done));
                int n = file.read(chunk, position + done);
                if (n < 0) {
                    throw new IOException("file ended early");
                }
                done += n;
                write(chunk.flip());
            }
        } catch (IOException e) {
            failure = e;
            channel.close();
        }
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public void setReadPaused(boolean paused) {
        channel.config().setAutoRead(!paused);
    }

    @Override
    public void shutdownOutput() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.shutdownOutput());
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void abort() {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress();
    }
}
