package dev.wirekit.testkit.netty;

import dev.wirekit.api.ConnectTimeoutException;
import dev.wirekit.api.TransportCapabilities;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DatagramWire;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.Wire;
import dev.wirekit.spi.WireListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The driver of the Netty adapter: one Netty event loop group, started on first use. */
final class NettyDriver implements TransportDriver {
    private final DriverConfig config;
    private MultiThreadIoEventLoopGroup group;
    private boolean closed;

    NettyDriver(DriverConfig config) {
        this.config = config;
    }

    private synchronized MultiThreadIoEventLoopGroup group() throws IOException {
        if (closed) {
            throw new IOException("transport is closed");
        }
        if (group == null) {
            int loops = config.eventLoops() > 0 ? config.eventLoops() : 2;
            group = new MultiThreadIoEventLoopGroup(
                    loops, new DefaultThreadFactory(config.threadNamePrefix(), true), NioIoHandler.newFactory());
        }
        return group;
    }

    @Override
    public TransportCapabilities capabilities() {
        return new TransportCapabilities(true, false, false, 0, true);
    }

    @Override
    public WireListener listen(InetSocketAddress address, TransportOptions options, Consumer<Wire> acceptor)
            throws IOException {
        Channel server = new ServerBootstrap()
                .group(group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, options.backlog())
                .option(ChannelOption.SO_REUSEADDR, options.reuseAddress())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                .childOption(ChannelOption.SO_KEEPALIVE, options.keepAlive())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        acceptor.accept(new NettyWire(channel));
                    }
                })
                .bind(address)
                .syncUninterruptibly()
                .channel();
        return new WireListener() {
            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) server.localAddress();
            }

            @Override
            public void close() {
                server.close().syncUninterruptibly();
            }
        };
    }

    @Override
    public CompletableFuture<Wire> connect(InetSocketAddress address, TransportOptions options) {
        CompletableFuture<Wire> result = new CompletableFuture<>();
        NettyWire[] wire = new NettyWire[1];
        try {
            new Bootstrap()
                    .group(group())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                            options.connectTimeout().toMillis())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            wire[0] = new NettyWire(channel);
                        }
                    })
                    .connect(address)
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            result.complete(wire[0]);
                        } else if (f.cause() instanceof io.netty.channel.ConnectTimeoutException) {
                            result.completeExceptionally(new ConnectTimeoutException(
                                    "connect to " + address + " timed out after " + options.connectTimeout()));
                        } else {
                            result.completeExceptionally(f.cause());
                        }
                    });
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public DatagramWire bind(InetSocketAddress local, InetSocketAddress remote, TransportOptions options) {
        throw new UnsupportedOperationException("the Netty adapter does not claim datagrams");
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
