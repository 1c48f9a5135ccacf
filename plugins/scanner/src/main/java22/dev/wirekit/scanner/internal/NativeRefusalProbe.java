package dev.wirekit.scanner.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * {@link RefusalProbe} through the foreign function API (Java 22): Linux's {@code socket},
 * {@code connect}, {@code getsockopt} and {@code close}. Compiled with {@code --release 22} and
 * loaded by {@link RefusalProbe#forThisPlatform()} only on 22 or newer.
 */
final class NativeRefusalProbe implements RefusalProbe {
    // Linux, x86-64 and AArch64 (the generic values; forThisPlatform admits no other architecture)
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final int ECONNREFUSED = 111;
    private static final int EINPROGRESS = 115;

    private final MethodHandle socket;
    private final MethodHandle connect;
    private final MethodHandle getsockopt;
    private final MethodHandle close;
    private final VarHandle errno;
    private final StructLayout callState;
    /**
     * Per lane, reused: the call state, then a socket address, then getsockopt's value and length
     * (one segment, so that this stays one class: see RefusalProbe#forThisPlatform).
     */
    private final ThreadLocal<MemorySegment[]> scratch;

    private final long addressAt;
    private final long errorAt;
    private final long lengthAt;

    private NativeRefusalProbe() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        callState = Linker.Option.captureStateLayout();
        errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        Linker.Option captureErrno = Linker.Option.captureCallState("errno");
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        socket = linker.downcallHandle(find(libc, "socket"), FunctionDescriptor.of(i, i, i, i), captureErrno);
        connect = linker.downcallHandle(
                find(libc, "connect"), FunctionDescriptor.of(i, i, ValueLayout.ADDRESS, i), captureErrno);
        getsockopt = linker.downcallHandle(
                find(libc, "getsockopt"), FunctionDescriptor.of(i, i, i, i, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        close = linker.downcallHandle(find(libc, "close"), FunctionDescriptor.of(i, i));
        addressAt = (callState.byteSize() + 7) & ~7L;
        errorAt = addressAt + 32;
        lengthAt = errorAt + 4;
        long size = lengthAt + 4;
        scratch = ThreadLocal.withInitial(() -> {
            MemorySegment all = Arena.ofAuto().allocate(size, 8);
            return new MemorySegment[] {
                all.asSlice(0, callState.byteSize()),
                all.asSlice(addressAt, 28),
                all.asSlice(errorAt, 4),
                all.asSlice(lengthAt, 4)
            };
        });
    }

    /** The probe, or null when native access is not enabled for this code (no warning is ever printed). */
    public static RefusalProbe create() {
        if (!NativeRefusalProbe.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        return new NativeRefusalProbe();
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
    }

    @Override
    public boolean refusedAtOnce(InetAddress address, int port) {
        try {
            return probe(address, port);
        } catch (Throwable t) {
            return false; // the transport will try, and report whatever it is
        }
    }

    private boolean probe(InetAddress address, int port) throws Throwable {
        MemorySegment[] parts = scratch.get();
        MemorySegment state = parts[0];
        MemorySegment sa = parts[1];
        int length = fill(sa, address, port);
        int family = length == 16 ? AF_INET : AF_INET6;
        int fd = (int) socket.invokeExact(state, family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return false; // out of descriptors, say: the transport reports it properly
        }
        try {
            int rc = (int) connect.invokeExact(state, fd, sa, length);
            if (rc == 0) {
                return false; // connected: an open port, for the transport to connect again and keep
            }
            int error = (int) errno.get(state, 0L);
            if (error == ECONNREFUSED) {
                return true;
            }
            if (error != EINPROGRESS) {
                return false;
            }
            MemorySegment value = parts[2];
            MemorySegment valueLength = parts[3];
            valueLength.set(ValueLayout.JAVA_INT, 0, 4);
            value.set(ValueLayout.JAVA_INT, 0, 0);
            if ((int) getsockopt.invokeExact(fd, SOL_SOCKET, SO_ERROR, value, valueLength) != 0) {
                return false;
            }
            return value.get(ValueLayout.JAVA_INT, 0) == ECONNREFUSED;
        } finally {
            int ignored = (int) close.invokeExact(fd);
        }
    }

    /** Writes the socket address of {@code address}:{@code port}; returns its length (16 or 28). */
    private static int fill(MemorySegment sa, InetAddress address, int port) {
        sa.fill((byte) 0);
        byte[] ip = address.getAddress();
        sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8));
        sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        if (address instanceof Inet4Address) {
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
            MemorySegment.copy(ip, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
            return 16;
        }
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
        MemorySegment.copy(ip, 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            sa.set(ValueLayout.JAVA_INT, 24, v6.getScopeId());
        }
        return 28;
    }
}
