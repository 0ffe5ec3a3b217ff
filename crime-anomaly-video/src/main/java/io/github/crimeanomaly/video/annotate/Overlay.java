package io.github.crimeanomaly.video.annotate;

import io.github.crimeanomaly.detect.FrameScore;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;
import java.util.Map;

/** Draws the score caption and the over-threshold cue; shared by the video and the contact sheet. */
final class Overlay {

    static final Color ALERT = new Color(230, 30, 30);
    static final Color OK = new Color(40, 200, 90);

    private Overlay() {
    }

    /** {@code "Fight: 0.9995"} for detectors with classes, else {@code "score 0.8731"}. */
    static String label(FrameScore s) {
        if (s == null) {
            return "score n/a";
        }
        if (!s.classProbabilities().isEmpty()) {
            Map.Entry<String, Double> top = s.classProbabilities().entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            return String.format(Locale.ROOT, "%s: %.4f", capitalize(top.getKey()), top.getValue());
        }
        return String.format(Locale.ROOT, "score %.4f", s.score());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Caption box at the top left, red border when {@code alert}; sizes scale with the frame. */
    static void draw(Graphics2D g, int w, int h, String line1, String line2, boolean alert) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int fontSize = Math.max(11, Math.min(w, h) / 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        FontMetrics fm = g.getFontMetrics();
        int pad = Math.max(3, fontSize / 4);
        int boxW = Math.max(fm.stringWidth(line1), line2 == null ? 0 : fm.stringWidth(line2)) + 2 * pad;
        int boxH = fm.getHeight() * (line2 == null ? 1 : 2) + 2 * pad;
        int x0 = Math.max(4, w / 80) + 2;
        int y0 = x0;
        // Over the threshold: white on red, readable at a glance; else green on dark.
        g.setColor(alert ? new Color(200, 0, 0, 210) : new Color(0, 0, 0, 160));
        g.fillRect(x0, y0, boxW, boxH);
        g.setColor(alert ? Color.WHITE : OK);
        g.drawString(line1, x0 + pad, y0 + pad + fm.getAscent());
        if (line2 != null) {
            g.setColor(Color.WHITE);
            g.drawString(line2, x0 + pad, y0 + pad + fm.getHeight() + fm.getAscent());
        }
        if (alert) {
            int t = Math.max(4, Math.min(w, h) / 60);
            g.setColor(ALERT);
            g.setStroke(new BasicStroke(t));
            g.drawRect(t / 2, t / 2, w - t, h - t);
        }
    }
}
