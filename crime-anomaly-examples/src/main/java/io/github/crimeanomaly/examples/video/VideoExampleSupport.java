package io.github.crimeanomaly.examples.video;

import java.nio.file.Path;

/** Small helpers shared by the examples. */
final class VideoExampleSupport {

    private VideoExampleSupport() {
    }

    /**
     * The shared datasets folder: {@code -Dcrimeanomaly.shared} (the launcher and surefire set
     * it), else the {@code CRIME_ANOMALY_SHARED} environment variable, else {@code ../shared}.
     */
    static Path sharedDatasets() {
        String dir = System.getProperty("crimeanomaly.shared");
        if (dir == null) {
            dir = System.getenv().getOrDefault("CRIME_ANOMALY_SHARED", "../shared");
        }
        return Path.of(dir, "datasets");
    }
}
