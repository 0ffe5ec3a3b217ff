package io.github.crimeanomaly.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real data lives for tests: the system property {@code crimeanomaly.shared} (surefire
 * sets it to {@code <reactor root>/../shared}). Part of core's test-jar.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared directory; fails the test with a clear message if the property is unset or wrong. */
    public static Path sharedDir() {
        String p = System.getProperty("crimeanomaly.shared");
        if (p == null || p.isBlank()) {
            fail("system property crimeanomaly.shared is not set: expected the directory holding "
                    + "datasets/ and reference/ (surefire sets it to <reactor root>/../shared)");
        }
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir)) {
            fail("crimeanomaly.shared=" + p + " is not a directory: expected the directory holding "
                    + "datasets/ and reference/");
        }
        return dir;
    }

    /** {@code <shared>/datasets/<name>}, failing clearly if it is missing. */
    public static Path dataset(String name) {
        Path dir = sharedDir().resolve("datasets").resolve(name);
        if (!Files.isDirectory(dir)) {
            fail("dataset directory " + dir + " is missing: expected the shared datasets "
                    + "(see ../shared/datasets/README.md)");
        }
        return dir;
    }
}
