package io.github.crimeanomaly;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real datasets for tests (system property {@code crimeanomaly.shared}). */
public final class SharedData {

    private SharedData() {
    }

    /** {@code <shared>/datasets}; skips the test if it is not there. */
    public static Path datasets() {
        String p = System.getProperty("crimeanomaly.shared", "../../shared");
        Path d = Path.of(p).resolve("datasets");
        assumeTrue(Files.isDirectory(d), "real datasets not found at " + d.toAbsolutePath());
        return d;
    }

    /** The UCSD Ped2 folder (containing UCSDped2); skips if missing. */
    public static Path ped2() {
        Path d = datasets().resolve("ucsd-ped2");
        assumeTrue(Files.isDirectory(d.resolve("UCSDped2")), "UCSD Ped2 not found at " + d);
        return d;
    }
}
