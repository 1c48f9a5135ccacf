package dev.wirekit.internal;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportInfo;
import dev.wirekit.spi.DriverConfig;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.TransportDriver;
import dev.wirekit.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Selects a transport the way SLF4J selects a binding: explicit choice, else best, with reasons. */
public final class TransportLookup {
    /** The system property that names the default transport. */
    public static final String PROPERTY = "wirekit.transport";

    private static final System.Logger LOG = System.getLogger("dev.wirekit.transport");

    private TransportLookup() {}

    public static Transport load(String name) {
        String wanted = name != null ? name : System.getProperty(PROPERTY);
        Providers.Found<TransportProvider> found = Providers.discover(TransportProvider.class);
        List<TransportProvider> candidates = new ArrayList<>();
        for (TransportProvider p : found.providers()) {
            try {
                if (wanted == null || p.name().equalsIgnoreCase(wanted.trim())) {
                    candidates.add(p);
                }
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "skipped transport provider " + p.getClass().getName() + ": " + e);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException(absence(wanted, name == null && wanted != null, found));
        }
        candidates.sort(Comparator.comparingInt(TransportLookup::priority).reversed());
        if (wanted == null && candidates.size() > 1 && priority(candidates.get(0)) == priority(candidates.get(1))) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "transports " + candidates.get(0).name() + " and "
                            + candidates.get(1).name() + " have the same priority; using "
                            + candidates.get(0).name()
                            + " (set -D" + PROPERTY + "=NAME to choose)");
        }
        return create(candidates.get(0));
    }

    public static Transport create(TransportProvider chosen) {
        String chosenName = chosen.name().toLowerCase(Locale.ROOT);
        TransportDriver driver;
        try {
            driver = chosen.create(DriverConfig.defaults(chosenName));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "transport '" + chosenName + "' (" + chosen.getClass().getName() + ") failed to start: " + e, e);
        }
        return new DefaultTransport(chosenName, driver);
    }

    public static List<TransportInfo> available() {
        Providers.Found<TransportProvider> found = Providers.discover(TransportProvider.class);
        List<TransportInfo> infos = new ArrayList<>();
        for (TransportProvider p : found.providers()) {
            try {
                infos.add(new TransportInfo(
                        p.name(), p.description(), p.priority(), p.getClass().getName(), Optional.empty()));
            } catch (RuntimeException e) {
                infos.add(new TransportInfo(
                        p.getClass().getName(),
                        "",
                        Integer.MIN_VALUE,
                        p.getClass().getName(),
                        Optional.of(e.toString())));
            }
        }
        infos.sort(Comparator.comparingInt(TransportInfo::priority).reversed());
        for (String failure : found.failures()) {
            infos.add(new TransportInfo("(broken)", "", Integer.MIN_VALUE, failure, Optional.of(failure)));
        }
        return infos;
    }

    private static int priority(TransportProvider p) {
        try {
            return p.priority();
        } catch (RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String absence(String wanted, boolean fromProperty, Providers.Found<TransportProvider> found) {
        List<String> names = new ArrayList<>();
        for (TransportProvider p : found.providers()) {
            try {
                names.add(p.name() + " (priority " + p.priority() + ")");
            } catch (RuntimeException e) {
                names.add(p.getClass().getName() + " (broken: " + e + ")");
            }
        }
        StringBuilder sb = new StringBuilder();
        if (wanted == null) {
            sb.append("no Wirekit transport found on the class path or module path");
        } else {
            sb.append("no Wirekit transport named '").append(wanted).append('\'');
            if (fromProperty) {
                sb.append(" (from the system property ").append(PROPERTY).append(')');
            }
        }
        sb.append("; found: ").append(names.isEmpty() ? "none" : String.join(", ", names));
        if (!found.failures().isEmpty()) {
            sb.append("; skipped broken providers: ").append(String.join("; ", found.failures()));
        }
        if (names.isEmpty()) {
            sb.append(". Add wirekit-transport-nio or wirekit-transport-blocking to the class path.");
        }
        return sb.toString();
    }
}
