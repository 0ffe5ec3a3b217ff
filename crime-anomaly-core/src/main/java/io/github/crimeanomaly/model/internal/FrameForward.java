package io.github.crimeanomaly.model.internal;

import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference through a stack of per-frame layers without DL4J's convolution layer: each 2-D
 * convolution runs as libnd4j's {@code conv2d} operation on the layer's own weights and bias,
 * then the layer's activation; every other layer (batch normalisation, pooling, dropout, dense)
 * and every input preprocessor runs as DL4J runs it, in this class's workspace. The output equals
 * {@code net.output(in, false)} to float rounding.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code ConvolutionLayer} lays its im2col buffer out for its backward
 * pass, and in inference that copy, not the matrix product, takes most of the time: on the Ped2
 * CNN+LSTM detector's two convolutions over 90x60 frames, im2col took 70% of the per-frame
 * layers' time, the ReLU on its strided output 20% and the product 8%. The {@code conv2d}
 * operation computes the same convolution two to four times faster on one thread, and faster
 * still with the oneDNN build of nd4j-native, which it uses when that build is loaded (about 20%
 * more frames per second for that detector, in one comparison).
 *
 * <p>Reads the network's parameters at each call (no copy): the caller owns the network and
 * does not train it meanwhile.
 */
public final class FrameForward {

    /**
     * Whether {@link #of} offers a fast pass at all (default true; {@code
     * -Dcrimeanomaly.fastFrames=false} leaves every caller on DL4J's own forward pass, to compare).
     */
    static final boolean ENABLED = !"false".equals(System.getProperty("crimeanomaly.fastFrames"));

    private static final String WS_ID = "crimeanomaly-frame-forward";
    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private final MultiLayerNetwork net;
    private final Conv2DConfig[] conv;

    private FrameForward(MultiLayerNetwork net, Conv2DConfig[] conv) {
        this.net = net;
        this.conv = conv;
    }

    /**
     * A fast forward pass for {@code net}, or empty when one of its convolutions is of a kind
     * this class does not run (then use {@code net.output}): only plain {@link ConvolutionLayer}s
     * in NCHW with {@link ConvolutionMode#Same} or {@link ConvolutionMode#Truncate} are replaced.
     * Empty too when {@code net} has no convolution, and when {@code -Dcrimeanomaly.fastFrames=false}.
     */
    public static Optional<FrameForward> of(MultiLayerNetwork net) {
        if (!ENABLED) {
            return Optional.empty();
        }
        Layer[] layers = net.getLayers();
        Conv2DConfig[] conv = new Conv2DConfig[layers.length];
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer c = layers[i].conf().getLayer();
            if (!(c instanceof ConvolutionLayer)) {
                continue;
            }
            if (c.getClass() != ConvolutionLayer.class) {
                return Optional.empty();
            }
            ConvolutionLayer cl = (ConvolutionLayer) c;
            ConvolutionMode mode = cl.getConvolutionMode();
            if (cl.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || (mode != ConvolutionMode.Same && mode != ConvolutionMode.Truncate)) {
                return Optional.empty();
            }
            int[] k = cl.getKernelSize();
            int[] s = cl.getStride();
            int[] p = cl.getPadding();
            int[] d = cl.getDilation();
            conv[i] = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                    .pH(mode == ConvolutionMode.Same ? 0 : p[0]).pW(mode == ConvolutionMode.Same ? 0 : p[1])
                    .dH(d[0]).dW(d[1])
                    .paddingMode(mode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                    .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.OIYX).build();
        }
        boolean any = false;
        for (Conv2DConfig c : conv) {
            any |= c != null;
        }
        // without a convolution there is nothing to gain (LSTM-only's pooling and dense layer ran
        // about 7% slower this way, without DL4J's workspaces)
        return any ? Optional.of(new FrameForward(net, conv)) : Optional.empty();
    }

    /**
     * The network's output for {@code in} ({@code [n, C*H*W]}), detached. Every intermediate
     * array lives in a workspace of the calling thread, reused from call to call (grown when a
     * larger batch needs it): allocating and freeing them at each call instead left the process
     * about 100 MB larger over a long stream (the native allocator keeps what was freed), 480
     * against 375 MB resident while the Ped2 CNN+LSTM detector scored vtest.avi for 15 minutes.
     */
    public INDArray output(INDArray in) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WS_ID, WS).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, WS_ID)) {
            Layer[] layers = net.getLayers();
            int n = (int) in.size(0);
            INDArray x = in;
            for (int i = 0; i < layers.length; i++) {
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                INDArray next = pre == null ? x : pre.preProcess(x, n, mgr);
                x = conv[i] != null ? convolve(layers[i], conv[i], next) : layers[i].activate(next, false, mgr);
            }
            return x == in ? in.dup() : x.detach();
        }
    }

    private static INDArray convolve(Layer layer, Conv2DConfig cfg, INDArray x) {
        ConvolutionLayer c = (ConvolutionLayer) layer.conf().getLayer();
        INDArray w = layer.getParam("W");
        INDArray b = c.hasBias() ? layer.getParam("b").reshape(w.size(0)) : null;
        INDArray out = Nd4j.exec(new Conv2D(x, w, b, cfg))[0];
        return c.getActivationFn().getActivation(out, false);
    }
}
