package io.github.crimeanomaly.examples.plot;

import io.github.crimeanomaly.internal.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A score curve over frames as a PNG: one or more score series, an optional threshold line and
 * optionally shaded frame ranges (ground-truth anomalies). Reusable for any per-frame curve.
 *
 * <pre>{@code
 * ScoreCurvePlot.builder("Test003").series("score", scores).shade(labels).threshold(2.5)
 *         .build().writePng(Path.of("Test003.png"));
 * }</pre>
 */
public final class ScoreCurvePlot {

    private final XYChart chart;

    private ScoreCurvePlot(XYChart chart) {
        this.chart = chart;
    }

    /** A builder for a plot with the given title. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Writes the plot as PNG atomically. */
    public void writePng(Path file) throws IOException {
        AtomicFiles.writeBytes(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The XChart chart, for further styling or other encoders. */
    public XYChart chart() {
        return chart;
    }

    /** Builds a {@link ScoreCurvePlot}. */
    public static final class Builder {
        private final String title;
        private final List<String> names = new ArrayList<>();
        private final List<double[]> series = new ArrayList<>();
        private boolean[] shaded;
        private Double threshold;
        private String xLabel = "frame";
        private String yLabel = "anomaly score";
        private int width = 900;
        private int height = 320;

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** Adds a series: {@code values[i]} at frame {@code i}. */
        public Builder series(String name, double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' must not be empty");
            }
            names.add(name);
            series.add(values.clone());
            return this;
        }

        /** Frames to shade (e.g. ground-truth anomalies); length must match the series. */
        public Builder shade(boolean[] frames) {
            this.shaded = frames.clone();
            return this;
        }

        /** A horizontal threshold line. */
        public Builder threshold(double t) {
            this.threshold = t;
            return this;
        }

        /** Axis labels. */
        public Builder axes(String x, String y) {
            this.xLabel = x;
            this.yLabel = y;
            return this;
        }

        /** Image size in pixels. */
        public Builder size(int w, int h) {
            if (w < 100 || h < 100) {
                throw new IllegalArgumentException("size must be at least 100x100, got " + w + "x" + h);
            }
            this.width = w;
            this.height = h;
            return this;
        }

        /** Builds the chart. */
        public ScoreCurvePlot build() {
            if (series.isEmpty()) {
                throw new IllegalStateException("add at least one series");
            }
            XYChart c = new XYChartBuilder().width(width).height(height).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (double[] s : series) {
                for (double v : s) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                n = Math.max(n, s.length);
            }
            if (threshold != null) {
                lo = Math.min(lo, threshold);
                hi = Math.max(hi, threshold);
            }
            if (hi <= lo) {
                hi = lo + 1;
            }
            if (shaded != null) {
                if (shaded.length != n) {
                    throw new IllegalStateException("expected " + n + " shaded flags, got " + shaded.length);
                }
                // shading as a filled area at the top of the range where frames are flagged
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = i;
                    y[i] = shaded[i] ? hi : lo;
                }
                XYSeries s = c.addSeries("ground truth anomalous", x, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                s.setFillColor(new Color(255, 80, 80, 60));
                s.setLineColor(new Color(255, 80, 80, 0));
                s.setMarker(SeriesMarkers.NONE);
            }
            for (int k = 0; k < series.size(); k++) {
                double[] v = series.get(k);
                double[] x = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    x[i] = i;
                }
                XYSeries s = c.addSeries(names.get(k), x, v);
                s.setMarker(SeriesMarkers.NONE);
            }
            if (threshold != null) {
                XYSeries s = c.addSeries("threshold", new double[] {0, n - 1}, new double[] {threshold, threshold});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(Color.GRAY);
            }
            c.getStyler().setYAxisMin(lo);
            c.getStyler().setYAxisMax(hi);
            return new ScoreCurvePlot(c);
        }
    }
}
