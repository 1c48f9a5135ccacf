package dev.wirekit.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds providers with {@link ServiceLoader}, robustly: a provider that cannot be loaded or
 * instantiated is recorded with the reason and skipped, never fatal for the others.
 */
public final class Providers {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.spi.Providers");
    private static final int MAX_CONSECUTIVE_FAILURES = 64;

    private Providers() {}

    /**
     * What discovery found.
     *
     * @param providers the providers that loaded, in discovery order
     * @param failures one line per provider that did not, naming it and the reason
     */
    public record Found<P>(List<P> providers, List<String> failures) {
        public Found {
            providers = List.copyOf(providers);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Loads every provider of {@code type} visible on the module path (through the API module's
     * {@code uses} clauses) and on the class path (through the context class loader). Failures are
     * logged once each at WARNING and returned.
     */
    public static <P> Found<P> discover(Class<P> type) {
        List<P> providers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(type).iterator();
        int consecutiveFailures = 0;
        while (consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
                consecutiveFailures = 0;
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                consecutiveFailures++;
                String reason = describe(e);
                failures.add(reason);
                LOG.log(System.Logger.Level.WARNING, "skipped a broken " + type.getSimpleName() + ": " + reason);
            }
        }
        return new Found<>(providers, failures);
    }

    /** The service provider called {@code name}, or an exception listing the names found. */
    public static ServiceProvider service(String name) {
        Found<ServiceProvider> found = discover(ServiceProvider.class);
        for (ServiceProvider p : found.providers()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no Wirekit service named '" + name + "'; found: "
                + String.join(
                        ", ",
                        found.providers().stream()
                                .map(ServiceProvider::name)
                                .sorted()
                                .toList())
                + (found.failures().isEmpty() ? "" : "; skipped broken providers: " + found.failures()));
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" (caused by ")
                    .append(c.getClass().getSimpleName())
                    .append(": ")
                    .append(c.getMessage())
                    .append(')');
        }
        return sb.toString();
    }
}
