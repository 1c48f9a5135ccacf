package dev.wirekit.api;

import java.util.Optional;

/**
 * One transport provider found on the class path or module path.
 *
 * @param name the name to pass to {@link Transport#load(String)}; for a provider that failed, the
 *     class that was found
 * @param description what it is
 * @param priority higher wins when no transport is named
 * @param source the provider's class
 * @param failure why the provider could not be loaded, when it could not
 */
public record TransportInfo(String name, String description, int priority, String source, Optional<String> failure) {}
