package io.partnerhub.platform.core.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Refuses to start an application in the prod profile while a required setting is missing, naming every missing
 * environment variable at once, before anything connects anywhere.
 * <p>
 * A required setting is declared in the configuration files as the prod-profile value of a property that is nothing
 * but an environment variable without a default, e.g. {@code %prod.kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS}}:
 * when the variable is set it overrides the property; when it is not, this check fails with
 * {@code Required configuration is missing ...: KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers)}.
 * <p>
 * Runs while the configuration is built (a SmallRye {@link ConfigSourceFactory}, registered through
 * {@code META-INF/services}); it adds no configuration source. Other profiles (dev, test) are not checked: they have
 * local defaults; nor is the Quarkus build, which runs in the prod profile without the production environment.
 */
public final class RequiredSettings implements ConfigSourceFactory {

    /** The profile checked: Quarkus' production profile, in which the jars and images run. */
    public static final String PROFILE = "prod";

    /** Part of the Quarkus build (quarkus-core-deployment), never of a packaged application. */
    static final String BUILD_ONLY_CLASS = "io.quarkus.deployment.QuarkusAugmentor";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern UNEXPANDABLE = Pattern.compile("SRCFG00011: Could not expand value ([A-Za-z0-9_.-]+) in property (\\S+)");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains(PROFILE) || building()) {
            return List.of();
        }
        Map<String, String> missing = missing(context);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(missing));
        }
        return List.of();
    }

    /**
     * Whether the configuration is built for the Quarkus build (which runs in the prod profile too, without the
     * production environment) rather than for a start: only the build sees Quarkus' deployment classes.
     */
    static boolean building() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                RequiredSettings.class.getClassLoader()}) {
            if (loader != null) {
                try {
                    Class.forName(BUILD_ONLY_CLASS, false, loader);
                    return true;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not this one
                }
            }
        }
        return false;
    }

    /** Every required setting without its variable: variable -> property. */
    static Map<String, String> missing(ConfigSourceContext context) {
        Map<String, String> missing = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String declared = names.next();
            String property = activeProperty(declared, context.getProfiles());
            if (property == null) {
                continue;
            }
            try {
                // the value that applies (a higher source, such as the environment, before the profile's own), as written:
                // the context leaves an expression it cannot expand unexpanded
                ConfigValue value = context.getValue(property);
                String written = value == null ? null : value.getRawValue() != null ? value.getRawValue() : value.getValue();
                if (written != null) {
                    Matcher variable = VARIABLE.matcher(written.trim());
                    if (variable.matches() && absent(context, variable.group(1))) {
                        missing.put(variable.group(1), property);
                    }
                }
            } catch (NoSuchElementException e) {
                Matcher unexpandable = UNEXPANDABLE.matcher(String.valueOf(e.getMessage()));
                if (unexpandable.find()) {
                    missing.put(unexpandable.group(1), unexpandable.group(2));
                }
            }
        }
        return missing;
    }

    /** The property a declared name sets in the active profiles ({@code %prod.x} and {@code x}), else null. */
    static String activeProperty(String declared, List<String> profiles) {
        if (!declared.startsWith("%")) {
            return declared;
        }
        int dot = declared.indexOf('.');
        if (dot < 0) {
            return null;
        }
        for (String profile : declared.substring(1, dot).split(",")) {
            if (profiles.contains(profile.trim())) {
                return declared.substring(dot + 1);
            }
        }
        return null;
    }

    private static boolean absent(ConfigSourceContext context, String variable) {
        ConfigValue value = context.getValue(variable);
        return value == null || value.getValue() == null || value.getValue().isEmpty();
    }

    static String message(Map<String, String> missing) {
        StringBuilder message = new StringBuilder("Required configuration is missing (profile ").append(PROFILE)
                .append("); set these environment variables: ");
        String separator = "";
        for (Map.Entry<String, String> entry : missing.entrySet()) {
            message.append(separator).append(entry.getKey()).append(" (").append(entry.getValue()).append(')');
            separator = ", ";
        }
        return message.append(". See docs/configuration.md.").toString();
    }

    @Override
    public OptionalInt getPriority() {
        // after every other factory: what they add counts
        return OptionalInt.of(Integer.MIN_VALUE);
    }
}
