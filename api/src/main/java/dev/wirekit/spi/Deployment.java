package dev.wirekit.spi;

import dev.wirekit.api.Server;
import java.io.IOException;

/** A configured service, ready to start. Returned by {@link ServiceProvider#create}. */
@FunctionalInterface
public interface Deployment {

    /**
     * Starts serving as {@code context} says: binds, listens, starts threads. Return a
     * {@link dev.wirekit.api.ServerGroup} when more than one socket is opened (TCP and UDP).
     */
    Server start(DeployContext context) throws IOException;
}
