package io.github.crimeanomaly.model.internal;

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

    @Test
    void attentionPooling() {
        assertTrue(check(new AttentionPooling(4), new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(4).nOut(2).activation(Activation.SOFTMAX).build()));
    }
}
