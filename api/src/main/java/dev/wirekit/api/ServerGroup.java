package dev.wirekit.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several servers run and closed as one: a service listening on TCP and UDP at once, say.
 * {@link #localAddress()} and {@link #protocol()} are those of the first member.
 */
public final class ServerGroup implements Server {
    private final List<Server> members;
    private final List<AutoCloseable> resources;

    private ServerGroup(List<Server> members, List<AutoCloseable> resources) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a server group needs at least one server");
        }
        this.members = List.copyOf(members);
        this.resources = List.copyOf(resources);
    }

    /** A group of {@code members}; a single member is returned as it is. */
    public static Server of(List<Server> members) {
        return members.size() == 1 ? members.get(0) : new ServerGroup(members, List.of());
    }

    /**
     * A group of {@code members} that also closes {@code resources} (a log file, a store) after the
     * servers have closed, in the order given.
     */
    public static Server of(List<Server> members, List<? extends AutoCloseable> resources) {
        return resources.isEmpty() ? of(members) : new ServerGroup(members, List.copyOf(resources));
    }

    /** The servers in this group, in the order given. */
    public List<Server> members() {
        return members;
    }

    @Override
    public InetSocketAddress localAddress() {
        return members.get(0).localAddress();
    }

    @Override
    public String protocol() {
        return members.get(0).protocol();
    }

    @Override
    public ServerStats stats() {
        long[] sum = new long[8];
        for (Server s : members) {
            ServerStats t = s.stats();
            long[] v = {
                t.accepted(),
                t.refused(),
                t.active(),
                t.bytesRead(),
                t.bytesWritten(),
                t.messagesReceived(),
                t.messagesSent(),
                t.errors()
            };
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return new ServerStats(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7]);
    }

    @Override
    public boolean isOpen() {
        return members.stream().anyMatch(Server::isOpen);
    }

    @Override
    public void close() {
        closeAll(null);
    }

    @Override
    public void close(Duration drainTimeout) {
        closeAll(drainTimeout);
    }

    private void closeAll(Duration drainTimeout) {
        List<RuntimeException> failures = new ArrayList<>();
        for (Server s : members) {
            try {
                if (drainTimeout == null) {
                    s.close();
                } else {
                    s.close(drainTimeout);
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                failures.add(new IllegalStateException("closing " + r + " failed: " + e.getMessage(), e));
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public void awaitClose() throws InterruptedException {
        for (Server s : members) {
            s.awaitClose();
        }
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
