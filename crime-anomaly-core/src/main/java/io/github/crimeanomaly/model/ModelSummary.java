package io.github.crimeanomaly.model;

import java.util.List;
import java.util.Locale;

/**
 * What a {@link HybridModel} is made of: its layers with output shapes, parameter counts and
 * floating-point operations per frame.
 *
 * <p>FLOPs count a multiply-add as 2 and are per frame at inference; element-wise work
 * (activations, batch normalisation) is counted as one operation per value. They are an
 * estimate for comparing configurations, not a measurement.
 *
 * @param architecture  the architecture
 * @param layers        one row per layer, input to output
 * @param parameters    total number of trainable parameters (and batch-norm statistics)
 * @param flopsPerFrame estimated floating-point operations per frame at inference
 */
public record ModelSummary(Architecture architecture, List<LayerSummary> layers, long parameters,
                           long flopsPerFrame) {

    /** Copies the layer list. */
    public ModelSummary {
        layers = List.copyOf(layers);
    }

    /**
     * One layer.
     *
     * @param index       layer index in the network
     * @param type        e.g. {@code Convolution 5x5/2}, {@code LSTM}
     * @param outputShape per-frame output shape, e.g. {@code 16x60x90} (CHW) or {@code 64}
     * @param parameters  parameter count
     * @param flops       estimated FLOPs per frame
     */
    public record LayerSummary(int index, String type, String outputShape, long parameters, long flops) {
    }

    /** A printable table. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model%n", architecture));
        // the layer column as wide as its longest name ("Multiple-instance pooling (smooth max)")
        int w = Math.max(28, layers.stream().mapToInt(l -> l.type().length()).max().orElse(0));
        sb.append(String.format(Locale.ROOT, "%-3s %-" + w + "s %-14s %12s %14s%n", "#", "layer", "output (CxHxW)", "params",
                "FLOPs/frame"));
        for (LayerSummary l : layers) {
            sb.append(String.format(Locale.ROOT, "%-3d %-" + w + "s %-14s %,12d %,14d%n", l.index(), l.type(),
                    l.outputShape(), l.parameters(), l.flops()));
        }
        sb.append(String.format(Locale.ROOT, "total: %,d parameters, %,d FLOPs per frame (%.2f MFLOPs)%n",
                parameters, flopsPerFrame, flopsPerFrame / 1e6));
        return sb.toString();
    }
}
