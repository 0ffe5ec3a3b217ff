package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real datasets are: {@code -Dcrimeanomaly.shared} (set by surefire). */
final class SharedData {

    private SharedData() {
    }

    static Path datasets() {
        String shared = System.getProperty("crimeanomaly.shared", "../../shared");
        Path p = Path.of(shared, "datasets");
        assumeTrue(Files.isDirectory(p), "real datasets not found at " + p.toAbsolutePath());
        return p;
    }

    static Path vtest() {
        return datasets().resolve("opencv-vtest/vtest.avi");
    }

    static Path fightDir() {
        return datasets().resolve("surveillance-fight");
    }
}
