package io.github.crimeanomaly.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The native pooling layers' backward passes against finite differences, in double precision:
 * their own parameters, and through their input gradients an LSTM's below them. Two sequences of
 * five frames, two classes.
 */
class PoolingGradientCheckTest {

    private DataType defaultType;
    private DataType defaultFloat;

    @BeforeEach
    void doublePrecision() {
        Nd4jRuntime.ensureInitialised();
        defaultType = Nd4j.dataType();
        defaultFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(defaultType, defaultFloat);
    }

    /** LSTM (3 → 4) → {@code pooling} → {@code head}, checked on fixed random input and labels. */
    private static boolean check(Layer pooling, Layer head) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(7).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("lstm", new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("pool", pooling, "lstm")
                .addLayer("out", head, "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(3)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(11);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5).muli(4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 5);
        labels.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).assign(1);
        labels.get(NDArrayIndex.point(1), NDArrayIndex.point(1), NDArrayIndex.all()).assign(1);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
    }

    @Test
    void multipleInstancePooling() {
        for (int instanceClass : new int[] {0, 1}) {
            for (double r : new double[] {0.5, 4}) {
                InstancePooling pooling = new InstancePooling(4, instanceClass, r);
                assertTrue(check(pooling, new RnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build()), "instance class " + instanceClass + ", r " + r);
            }
        }
    }

    /**
     * The frames' sparsity and smoothness terms enter the gradient only (the score stays the
     * cross-entropy), so a finite-difference check of the score cannot see them: with no error
     * from above, the layer's gradients must be exactly those of
     * {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)}, here differentiated numerically
     * from that formula, computed in this test from the layer's parameters.
     */
    @Test
    void frameRegularizationGradientIsThatOfSparsityPlusSmoothness() {
        double lambda = 0.7;
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(7).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("pool", new InstancePooling(3, 1, 4, lambda), "in")
                .addLayer("out", new RnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(3)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.initGradientsView();
        InstancePoolingLayer layer = (InstancePoolingLayer) g.getLayer("pool");
        layer.getParam(InstancePooling.BIAS).assign(0.3);
        Nd4j.getRandom().setSeed(11);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5).muli(4);
        layer.setInput(in, LayerWorkspaceMgr.noWorkspaces());
        var result = layer.backpropGradient(Nd4j.zeros(DataType.DOUBLE, 2, 2, 5), LayerWorkspaceMgr.noWorkspaces());
        INDArray dInput = result.getSecond();
        INDArray dW = result.getFirst().gradientForVariable().get(InstancePooling.WEIGHT);
        double dB = result.getFirst().gradientForVariable().get(InstancePooling.BIAS).getDouble(0);

        INDArray w = layer.getParam(InstancePooling.WEIGHT).dup();
        double b = 0.3;
        double h = 1e-6;
        double maxAbs = 0;
        for (int i = 0; i < 2; i++) {
            for (int f = 0; f < 3; f++) {
                for (int t = 0; t < 5; t++) {
                    INDArray plus = in.dup();
                    plus.putScalar(new long[] {i, f, t}, in.getDouble(i, f, t) + h);
                    INDArray minus = in.dup();
                    minus.putScalar(new long[] {i, f, t}, in.getDouble(i, f, t) - h);
                    double numeric = (regularization(plus, w, b, lambda) - regularization(minus, w, b, lambda)) / (2 * h);
                    assertEquals(numeric, dInput.getDouble(i, f, t), 1e-7, "input " + i + "," + f + "," + t);
                    maxAbs = Math.max(maxAbs, Math.abs(numeric));
                }
            }
        }
        assertTrue(maxAbs > 1e-3, "the regularisation must move the input gradient, got at most " + maxAbs);
        for (int f = 0; f < 3; f++) {
            INDArray plus = w.dup();
            plus.putScalar(new long[] {0, f, 0}, w.getDouble(0, f, 0) + h);
            INDArray minus = w.dup();
            minus.putScalar(new long[] {0, f, 0}, w.getDouble(0, f, 0) - h);
            double numeric = (regularization(in, plus, b, lambda) - regularization(in, minus, b, lambda)) / (2 * h);
            assertEquals(numeric, dW.getDouble(0, f, 0), 1e-7, "weight " + f);
        }
        assertEquals((regularization(in, w, b + h, lambda) - regularization(in, w, b - h, lambda)) / (2 * h), dB, 1e-7);
    }

    /** {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)} summed over the batch, {@code p_t = sigmoid(w . x_t + b)}. */
    private static double regularization(INDArray x, INDArray w, double b, double lambda) {
        double total = 0;
        for (int i = 0; i < x.size(0); i++) {
            double previous = Double.NaN;
            for (int t = 0; t < x.size(2); t++) {
                double d = b;
                for (int f = 0; f < x.size(1); f++) {
                    d += w.getDouble(0, f, 0) * x.getDouble(i, f, t);
                }
                double p = 1 / (1 + Math.exp(-d));
                total += p;
                if (t > 0) {
                    total += (p - previous) * (p - previous);
                }
                previous = p;
            }
        }
        return lambda * total;
    }

    @Test
    void multipleInstancePoolingWithFrameRegularizationKeepsTheCrossEntropyGradient() {
        // the regularisation adds to the gradient only; with lambda 0 the finite-difference check above holds,
        // and a config with lambda > 0 must still build and run the same forward pass
        InstancePooling pooling = new InstancePooling(4, 1, 4, 0.5);
        assertEquals(0.5, pooling.getFrameRegularization());
        assertThrows(IllegalArgumentException.class, () -> new InstancePooling(4, 1, 4, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new InstancePooling(4, 1, 4, Double.NaN));
    }

    @Test
    void attentionPooling() {
        assertTrue(check(new AttentionPooling(4), new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(4).nOut(2).activation(Activation.SOFTMAX).build()));
    }
}
