/** The forward proxy's implementation: policies, forwarding, tunnels, the service provider. Internal. */
package dev.wirekit.proxy.internal;
