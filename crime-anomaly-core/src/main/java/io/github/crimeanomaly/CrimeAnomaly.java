package io.github.crimeanomaly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Library-wide constants.
 *
 * <p>{@link #VERSION} is filtered in by Maven at build time and recorded in every saved model's
 * manifest, so a file can always say which release wrote it.
 */
public final class CrimeAnomaly {

    /** The library version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = loadVersion();

    private CrimeAnomaly() {
    }

    private static String loadVersion() {
        try (InputStream in = CrimeAnomaly.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }
}
