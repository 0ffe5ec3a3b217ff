package io.github.crimeanomaly.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderFrameSourceTest {

    @TempDir
    Path tmp;

    private static void writeGray(Path file, int w, int h, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        String ext = file.getFileName().toString().substring(file.getFileName().toString().lastIndexOf('.') + 1);
        assertTrue(ImageIO.write(img, ext, file.toFile()));
    }

    @Test
    void naturalOrderPutsTwoBeforeTen() {
        List<String> names = new ArrayList<>(List.of("10.png", "2.png", "1.png", "002a.png", "b.png"));
        names.sort(NaturalOrder::compare);
        assertEquals(List.of("1.png", "2.png", "002a.png", "10.png", "b.png"), names);
    }

    @Test
    void readsFramesInNaturalOrderWithExactGrayValuesAndTimestamps() throws IOException {
        writeGray(tmp.resolve("10.png"), 4, 2, 200);
        writeGray(tmp.resolve("2.png"), 4, 2, 100);
        writeGray(tmp.resolve("1.bmp"), 4, 2, 51);
        Files.writeString(tmp.resolve("notes.txt"), "ignored");
        try (ImageFolderFrameSource src = ImageFolderFrameSource.open(tmp, ImageFolderFrameSource.Options.nativeGray(10))) {
            assertEquals(FrameFormat.gray(4, 2), src.format());
            assertEquals(3, src.frameCount().getAsLong());
            Frame a = src.next().orElseThrow();
            Frame b = src.next().orElseThrow();
            Frame c = src.next().orElseThrow();
            assertEquals(Optional.empty(), src.next());
            assertEquals(51 / 255f, a.pixel(0, 1, 3), 1e-6);
            assertEquals(100 / 255f, b.pixel(0, 0, 0), 1e-6);
            assertEquals(200 / 255f, c.pixel(0, 0, 0), 1e-6);
            assertEquals(0, a.timestampMicros());
            assertEquals(200_000, c.timestampMicros());
            assertEquals(2, c.index());
        }
    }

    @Test
    void downsamplesByAreaAveragingAndConvertsToRgb() throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] v = {0, 255, 255, 255, 0, 255, 0, 0};
        img.getRaster().setSamples(0, 0, 4, 2, 0, v);
        ImageIO.write(img, "png", tmp.resolve("1.png").toFile());
        try (var src = ImageFolderFrameSource.open(tmp, FrameFormat.rgb(2, 1), 25)) {
            float[] p = src.next().orElseThrow().pixels();
            // left 2x2 block: 0,255,0,255 -> 0.5; right block: 255,255,0,0 -> 0.5 ; 3 equal channels
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, p, 1e-6f);
        }
    }

    @Test
    void rejectsMissingFolder() {
        Path missing = tmp.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ImageFolderFrameSource.open(missing, FrameFormat.gray(2, 2), 10));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void rejectsAFrameRateItsMicrosecondTimestampsCannotTellApart() {
        for (double fps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e308, 1_000_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageFolderFrameSource.Options.nativeGray(fps));
            assertEquals("fps must be > 0 and at most 1000000 (timestamps are whole microseconds), got " + fps,
                    e.getMessage());
        }
        assertEquals(ImageFolderFrameSource.MAX_FPS, ImageFolderFrameSource.Options.nativeGray(1e6).fps());
    }

    @Test
    void rejectsEmptyFolder() {
        IOException e = assertThrows(IOException.class,
                () -> ImageFolderFrameSource.open(tmp, FrameFormat.gray(2, 2), 10));
        assertTrue(e.getMessage().contains("expected image files"), e.getMessage());
        assertTrue(e.getMessage().contains("found none"), e.getMessage());
    }

    @Test
    void rejectsMixedFrameSizesNamingTheFile() throws IOException {
        writeGray(tmp.resolve("1.png"), 18, 12, 10);
        writeGray(tmp.resolve("2.png"), 36, 24, 10);
        try (var src = ImageFolderFrameSource.open(tmp, FrameFormat.gray(18, 12), 10)) {
            src.next();
            IOException e = assertThrows(IOException.class, src::next);
            assertTrue(e.getMessage().contains("expected every image of the folder to be width 18, height 12"), e.getMessage());
            assertTrue(e.getMessage().contains("got width 36, height 24"), e.getMessage());
            assertTrue(e.getMessage().contains("2.png"), e.getMessage());
        }
    }

    /**
     * A small file whose header declares a 30000x30000 image is refused from its header, naming
     * both sizes and the file, instead of decoding it out of memory.
     */
    @Test
    void rejectsAnImageTooLargeToDecodeFromItsHeader() throws IOException {
        writeGray(tmp.resolve("1.png"), 4, 4, 10);
        byte[] png = Files.readAllBytes(tmp.resolve("1.png"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        b.putInt(16, 30_000).putInt(20, 30_000);          // IHDR width and height
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);                          // chunk type and its 13 data bytes
        b.putInt(29, (int) crc.getValue());
        Path huge = tmp.resolve("2.png");
        Files.write(huge, png);
        assertTrue(Files.size(huge) < 1000);
        IOException e = assertThrows(IOException.class, () -> ImageFolderFrameSource.read(huge));
        assertEquals("expected images of at most 67108864 pixels (e.g. 8192x8192), found 30000x30000: " + huge,
                e.getMessage());
        try (var src = ImageFolderFrameSource.open(tmp, FrameFormat.gray(4, 4), 10)) {
            src.next();
            IOException inFolder = assertThrows(IOException.class, src::next);
            assertTrue(inFolder.getMessage().contains("found 30000x30000"), inFolder.getMessage());
        }
    }

    @Test
    void rejectsCorruptImageNamingTheFile() throws IOException {
        writeGray(tmp.resolve("1.png"), 4, 4, 10);
        Files.write(tmp.resolve("2.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        try (var src = ImageFolderFrameSource.open(tmp, FrameFormat.gray(4, 4), 10)) {
            src.next();
            IOException e = assertThrows(IOException.class, src::next);
            assertTrue(e.getMessage().contains("2.png"), e.getMessage());
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void readsOriginalUcsdTiffAtNativeSizeAndDownsampled() throws IOException {
        Path dir = SharedData.ped2().resolve("original-samples/Test001");
        try (var nat = ImageFolderFrameSource.open(dir, ImageFolderFrameSource.Options.nativeGray(10));
             var small = ImageFolderFrameSource.open(dir, FrameFormat.gray(180, 120), 10)) {
            assertEquals(FrameFormat.gray(360, 240), nat.format());
            assertEquals(4, nat.frameCount().getAsLong());
            Frame big = nat.next().orElseThrow();
            Frame s = small.next().orElseThrow();
            float expected = (big.pixel(0, 20, 30) + big.pixel(0, 20, 31) + big.pixel(0, 21, 30) + big.pixel(0, 21, 31)) / 4;
            assertEquals(expected, s.pixel(0, 10, 15), 1e-5);
            // the original 060.tif reduced 2x should match the shared PNG 060.png to 8-bit rounding
            Path png = SharedData.ped2().resolve("UCSDped2/Test/Test001");
            var files = ImageFolderFrameSource.listImages(png);
            try (var ref = ImageFolderFrameSource.open(png, FrameFormat.gray(180, 120), 10)) {
                Frame f = null;
                for (int i = 0; i < 60; i++) {
                    f = ref.next().orElseThrow();
                }
                assertTrue(files.get(59).getFileName().toString().startsWith("060"));
                assertEquals(f.pixel(0, 60, 90), s.pixel(0, 60, 90), 1.5 / 255);
            }
        }
    }
}
