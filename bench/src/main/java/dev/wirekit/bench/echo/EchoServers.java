package dev.wirekit.bench.echo;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.echo.EchoService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;

/**
 * One echo server in its own JVM, driven by {@link EchoBenchmark}: {@code wirekit-nio},
 * {@code wirekit-blocking} or {@code netty} (Netty 4.2's NIO echo, as in its examples: write each
 * read back, flush when the read completes). Prints {@code PORT n}; then answers {@code heap} with
 * {@code HEAP bytes} (used heap after a full GC), {@code cpu} with {@code CPU nanoseconds} (the
 * process's CPU time so far), and exits on {@code quit}.
 */
public final class EchoServers {
    private EchoServers() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int loops = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        AutoCloseable running;
        int port;
        if (kind.startsWith("wirekit-")) {
            Transport transport = Transport.load(kind.substring("wirekit-".length()));
            Server server = transport.listen(
                    any,
                    Framers.raw(64 * 1024),
                    EchoService.plain(),
                    TransportOptions.builder().maxConnections(20_000).build());
            port = server.localAddress().getPort();
            running = () -> {
                server.close();
                transport.close();
            };
        } else if (kind.equals("netty")) {
            EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(NettyEcho.INSTANCE);
                        }
                    })
                    .bind(any)
                    .sync()
                    .channel();
            port = ((InetSocketAddress) channel.localAddress()).getPort();
            running = () -> {
                channel.close().sync();
                boss.shutdownGracefully().sync();
                workers.shutdownGracefully().sync();
            };
        } else {
            throw new IllegalArgumentException("unknown server kind " + kind);
        }
        System.out.println("PORT " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.equals("heap")) {
                System.out.println("HEAP " + usedHeapAfterGc());
                System.out.flush();
            } else if (line.equals("cpu")) {
                System.out.println("CPU " + processCpuNanos());
                System.out.flush();
            }
        }
        running.close();
    }

    /** CPU time this JVM has used so far, every thread, user and system. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Netty's canonical echo handler. */
    @ChannelHandler.Sharable
    static final class NettyEcho extends ChannelInboundHandlerAdapter {
        static final NettyEcho INSTANCE = new NettyEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
