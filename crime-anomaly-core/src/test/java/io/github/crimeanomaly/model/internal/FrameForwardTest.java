package io.github.crimeanomaly.model.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrameForwardTest {

    private static ConvolutionLayer conv(int filters, int kernel, int stride, ConvolutionMode mode, boolean bias,
                                         Activation a) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).convolutionMode(mode)
                .nOut(filters).hasBias(bias).activation(a).build();
    }

    private static SubsamplingLayer pool(SubsamplingLayer.PoolingType t, int k) {
        return new SubsamplingLayer.Builder(t).kernelSize(k, k).stride(k, k)
                .convolutionMode(ConvolutionMode.Truncate).build();
    }

    private static DenseLayer dense(int n) {
        return new DenseLayer.Builder().nOut(n).activation(Activation.RELU).build();
    }

    /** The per-frame stacks the library builds (fight CNN, Ped2 CNN+LSTM), and odd shapes. */
    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("fight clip CNN: strided 4x4, batch norm, max pooling, dropout, dense",
                        new int[] {3, 64, 64}, List.of(
                                conv(8, 4, 4, ConvolutionMode.Same, false, Activation.IDENTITY),
                                new BatchNormalization.Builder().build(),
                                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                                conv(16, 3, 1, ConvolutionMode.Same, false, Activation.IDENTITY),
                                new BatchNormalization.Builder().build(),
                                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                                pool(SubsamplingLayer.PoolingType.MAX, 2),
                                conv(32, 3, 1, ConvolutionMode.Same, false, Activation.IDENTITY),
                                new BatchNormalization.Builder().build(),
                                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                                pool(SubsamplingLayer.PoolingType.MAX, 2),
                                new DropoutLayer.Builder(0.7).build(),
                                dense(64))),
                Arguments.of("Ped2 detector CNN: two strided convolutions with bias and ReLU, dense",
                        new int[] {1, 60, 90}, List.of(
                                conv(16, 3, 2, ConvolutionMode.Same, true, Activation.RELU),
                                conv(32, 3, 2, ConvolutionMode.Same, true, Activation.RELU),
                                dense(64))),
                Arguments.of("odd sizes, truncate mode with padding, even kernel, average pooling, tanh",
                        new int[] {2, 13, 17}, List.of(
                                new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1)
                                        .convolutionMode(ConvolutionMode.Truncate).nOut(5)
                                        .activation(Activation.TANH).build(),
                                conv(4, 2, 1, ConvolutionMode.Same, true, Activation.LEAKYRELU),
                                pool(SubsamplingLayer.PoolingType.AVG, 2),
                                dense(7))),
                Arguments.of("a convolution only, no dense layer",
                        new int[] {1, 9, 11}, List.of(conv(3, 3, 1, ConvolutionMode.Same, true, Activation.RELU))));
    }

    private static MultiLayerNetwork network(int[] chw, List<Layer> layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .list();
        for (int i = 0; i < layers.size(); i++) {
            b.layer(i, layers.get(i));
        }
        b.setInputType(InputType.convolutionalFlat(chw[1], chw[2], chw[0]));
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(9);
        // batch-norm statistics and scales away from their initial 0 and 1, so that they matter
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                l.paramTable().values().forEach(p -> p.assign(Nd4j.rand(DataType.FLOAT, p.shape()).addi(0.5)));
            }
        }
        return net;
    }

    /**
     * Batches of growing and shrinking size (the workspace of intermediates is sized on the first
     * call and grown later), each output compared only after all calls: an output left in the
     * reused workspace would by then hold a later call's intermediates.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void equalsTheNetworksOwnOutput(String name, int[] chw, List<Layer> layers) {
        MultiLayerNetwork net = network(chw, layers);
        FrameForward fast = FrameForward.of(net).orElseThrow();
        int[] batches = {1, 5, 32, 3};
        INDArray[] want = new INDArray[batches.length];
        INDArray[] got = new INDArray[batches.length];
        for (int k = 0; k < batches.length; k++) {
            INDArray in = Nd4j.rand(DataType.FLOAT, batches[k], (long) chw[0] * chw[1] * chw[2]).subi(0.3);
            INDArray keep = in.dup();
            want[k] = net.output(in, false);
            got[k] = fast.output(in);
            assertFalse(got[k].isAttached(), name + ": the output must not live in the reused workspace");
            assertEquals(keep, in, name + ": the caller's input must be left as it was");
        }
        for (int k = 0; k < batches.length; k++) {
            assertArrayEquals(want[k].shape(), got[k].shape(), name);
            float[] w = want[k].dup('c').data().asFloat();
            float[] g = got[k].dup('c').data().asFloat();
            float scale = 0;
            for (float v : w) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, name + ": an all-zero output would compare nothing");
            assertArrayEquals(w, g, 1e-5f * Math.max(1, scale), name + ", batch " + batches[k]);
        }
        net.close();
    }

    @Test
    void aConvolutionOfAnotherKindFallsBackToTheNetwork() {
        MultiLayerNetwork net = network(new int[] {2, 8, 8}, List.of(
                new SeparableConvolution2D.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same).build(),
                dense(3)));
        assertFalse(FrameForward.of(net).isPresent());
        net.close();
    }

    @Test
    void aStackWithoutConvolutionsIsLeftToTheNetwork() {
        MultiLayerNetwork net = network(new int[] {1, 8, 8}, List.of(pool(SubsamplingLayer.PoolingType.AVG, 2),
                dense(4)));
        assertFalse(FrameForward.of(net).isPresent());
        net.close();
    }
}
