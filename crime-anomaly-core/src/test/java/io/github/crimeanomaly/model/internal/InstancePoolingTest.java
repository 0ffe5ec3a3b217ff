package io.github.crimeanomaly.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The smooth maximum of {@link InstancePooling}, against the formula computed by hand. */
class InstancePoolingTest {

    private static ComputationGraph pooling(int instanceClass, double r) {
        Nd4jRuntime.ensureInitialised();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in")
                .addLayer("pool", new InstancePooling(2, instanceClass, r), "in")
                .addLayer("out", new RnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(2)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.getLayer("pool").getParam(InstancePooling.WEIGHT).assign(Nd4j.createFromArray(new double[] {1.0, -2.0})
                .reshape(1, 2, 1));
        g.getLayer("pool").getParam(InstancePooling.BIAS).assign(0.5);
        return g;
    }

    @Test
    void givesTheSigmoidOfTheSmoothMaximumOfTheFramesLogits() {
        // three frames of two features; d_t = x0 - 2 x1 + 0.5 = 1.5, -3.5, 4.5
        double[][] x = {{1, 0}, {0, 2}, {2, -1}};
        double[] d = {1.5, -3.5, 4.5};
        INDArray in = Nd4j.create(DataType.DOUBLE, 1, 2, 3);
        for (int t = 0; t < 3; t++) {
            in.putScalar(new long[] {0, 0, t}, x[t][0]);
            in.putScalar(new long[] {0, 1, t}, x[t][1]);
        }
        for (double r : new double[] {0.01, 1, 4, 50}) {
            double sum = 0;
            for (double v : d) {
                sum += Math.exp(r * v);
            }
            double smoothMax = Math.log(sum / 3) / r;
            double p = 1 / (1 + Math.exp(-smoothMax));
            for (int c : new int[] {0, 1}) {
                INDArray out = pooling(c, r).outputSingle(in);
                for (int t = 0; t < 3; t++) {
                    assertEquals(p, out.getDouble(0, c, t), 1e-9, "r " + r + ", class " + c + ", frame " + t);
                    assertEquals(1 - p, out.getDouble(0, 1 - c, t), 1e-9);
                }
            }
        }
        // small r: the mean of the logits (0.833); large r: close to their maximum (4.5)
        assertEquals(1 / (1 + Math.exp(-2.5 / 3)), pooling(1, 1e-6).outputSingle(in).getDouble(0, 1, 0), 1e-5);
        assertEquals(4.5 - Math.log(3) / 50, Math.log(pooling(1, 50).outputSingle(in).getDouble(0, 1, 0)
                / pooling(1, 50).outputSingle(in).getDouble(0, 0, 0)), 1e-6);
    }

    @Test
    void refusesAClassOtherThanZeroOrOneAndABadSharpness() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstancePooling(2, 2, 1)).getMessage()
                .contains("instanceClass must be 0 or 1, got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstancePooling(2, 1, 0)).getMessage()
                .contains("sharpness must be > 0 and finite, got 0.0"));
    }
}
