package io.github.crimeanomaly.examples.fight;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small class-folder datasets of real Surveillance Camera Fight clips, as symbolic links. */
public final class FightTestData {

    private FightTestData() {
    }

    /**
     * Links the clips {@code "class/name"} (e.g. {@code "fight/fi001"}) of the shared dataset into
     * {@code root/class/name.mp4}; the calling test is skipped (an assumption fails) where the
     * dataset is not there.
     *
     * @return {@code root}
     */
    public static Path link(Path root, String... clips) throws IOException {
        Path src = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"), "datasets/surveillance-fight");
        assumeTrue(Files.isDirectory(src.resolve("fight")), "surveillance-fight not found at " + src);
        for (String c : clips) {
            Path link = root.resolve(c + ".mp4");
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, src.resolve(c + ".mp4").toAbsolutePath());
        }
        return root;
    }
}
