package io.github.crimeanomaly.video.annotate;

import io.github.crimeanomaly.detect.AnomalyReport;
import io.github.crimeanomaly.detect.FrameScore;
import io.github.crimeanomaly.internal.AtomicFiles;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PNG grid of the {@code k} most anomalous frames of a video, most anomalous first, each with
 * its rank, frame index, time and score (and class, for detectors with classes), red-framed when
 * at or above the threshold.
 *
 * <pre>{@code
 * ContactSheet.write("cctv.mp4", report, Path.of("out/top.png"), 12, 320);
 * }</pre>
 *
 * <p>The video is decoded once at tile size and only the {@code k} wanted frames are kept, so
 * memory is bounded by {@code k} tiles. Written atomically.
 */
public final class ContactSheet {

    private static final Logger LOG = LoggerFactory.getLogger(ContactSheet.class);

    private ContactSheet() {
    }

    /**
     * Writes the contact sheet.
     *
     * @param video     the video that was scored (path or URL), or its folder of image frames
     * @param report    its scores
     * @param png       the file to write
     * @param k         number of frames, &gt;= 1 (fewer if the report has fewer)
     * @param tileWidth width of each tile in pixels, &gt;= 32
     * @return the number of tiles drawn
     * @throws IOException if the video cannot be decoded, none of the frames is found in it, or
     *                     the PNG cannot be written
     */
    public static int write(String video, AnomalyReport report, Path png, int k, int tileWidth) throws IOException {
        Objects.requireNonNull(report, "report");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (tileWidth < 32) {
            throw new IllegalArgumentException("tileWidth must be >= 32, got " + tileWidth);
        }
        List<FrameScore> top = report.topK(k);
        if (top.isEmpty()) {
            throw new IllegalArgumentException("the report of " + report.source() + " has no frames");
        }
        Map<Long, Integer> rankOf = new HashMap<>();
        long lastWanted = 0;
        for (int i = 0; i < top.size(); i++) {
            rankOf.put(top.get(i).frameIndex(), i);
            lastWanted = Math.max(lastWanted, top.get(i).frameIndex());
        }
        FrameImages.Size info = FrameImages.probe(video);
        int tw = Math.max(2, tileWidth & ~1);
        int th = Math.max(2, (int) Math.round(info.height() * (double) tw / info.width()) & ~1);
        BufferedImage[] tiles = new BufferedImage[top.size()];
        int found = 0;
        try (FrameImages g = FrameImages.open(video, tw, th)) {
            for (long n = 0; n <= lastWanted; n++) {
                if (!g.advance(rankOf.containsKey(n))) {
                    break;
                }
                Integer rank = rankOf.get(n);
                if (rank != null) {
                    BufferedImage src = g.image();
                    BufferedImage copy = new BufferedImage(tw, th, BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D cg = copy.createGraphics();
                    cg.drawImage(src, 0, 0, null);
                    FrameScore s = top.get(rank);
                    String line2 = String.format(Locale.ROOT, "#%d  frame %d  %.2f s%s", rank + 1, s.frameIndex(),
                            s.timestampSeconds(), s.classProbabilities().isEmpty() ? ""
                                    : String.format(Locale.ROOT, "  score %.3f", s.score()));
                    Overlay.draw(cg, tw, th, Overlay.label(s), line2, s.score() >= report.threshold());
                    cg.dispose();
                    tiles[rank] = copy;
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new IOException("none of the top " + top.size() + " frames of the report was found in " + video
                    + " (is it the video that was scored?)");
        }
        if (found < top.size()) {
            LOG.warn("{}: only {} of the top {} frames were found in the video", video, found, top.size());
        }
        BufferedImage sheet = compose(tiles, tw, th, report);
        AtomicFiles.writeBytes(png, out -> {
            if (!ImageIO.write(sheet, "png", out)) {
                throw new IOException("no PNG writer available for " + png);
            }
        });
        return found;
    }

    private static BufferedImage compose(BufferedImage[] tiles, int tw, int th, AnomalyReport report) {
        int n = tiles.length;
        int cols = Math.min(n, Math.max(1, (int) Math.ceil(Math.sqrt(n))));
        int rows = (n + cols - 1) / cols;
        int gap = 6;
        int header = 28;
        int w = cols * tw + (cols + 1) * gap;
        int h = header + rows * th + (rows + 1) * gap;
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        FontMetrics fm = g.getFontMetrics();
        String source = report.source();
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        String title = String.format(Locale.ROOT, "Top %d of %d frames (threshold %.4f)  %s", n,
                report.frames().size(), report.threshold(), slash >= 0 && slash < source.length() - 1
                        ? source.substring(slash + 1) : source);
        while (fm.stringWidth(title) > w - 2 * gap && title.length() > 20) {
            title = title.substring(0, title.length() - 4) + "...";
        }
        g.drawString(title, gap, (header + fm.getAscent()) / 2);
        for (int i = 0; i < n; i++) {
            int x = gap + (i % cols) * (tw + gap);
            int y = header + gap + (i / cols) * (th + gap);
            if (tiles[i] != null) {
                g.drawImage(tiles[i], x, y, null);
            } else {
                g.setColor(Color.DARK_GRAY);
                g.fillRect(x, y, tw, th);
            }
        }
        g.dispose();
        return sheet;
    }
}
