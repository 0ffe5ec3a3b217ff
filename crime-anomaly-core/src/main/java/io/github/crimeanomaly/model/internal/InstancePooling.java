package io.github.crimeanomaly.model.internal;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multiple-instance pooling for a two-class head: input {@code [batch, n, time]}, output the two
 * classes' logits {@code [batch, 2, time]}, the same at every frame. Each frame gets one logit
 * {@code d_t = w . x_t + b} for the instance class against the other; the sequence's logit is their
 * smooth maximum {@code D = (1/r) log mean_t exp(r d_t)} (the mean of the logits as {@code r -> 0},
 * their maximum as {@code r -> inf}); the output holds {@code D} for the instance class and 0 for
 * the other, so that a softmax gives {@code p(instance class) = sigmoid(D)}. Sequences have no mask.
 *
 * <p>With a regularisation weight {@code lambda > 0}, training also adds to each sequence's loss
 * {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)} over the frames' probabilities
 * {@code p_t = sigmoid(d_t)}: sparsity (few frames show the instance class) and temporal smoothness
 * (neighbouring frames agree), the two terms of Sultani, Chen and Shah's multiple-instance ranking
 * loss (CVPR 2018), with equal weights. It needs no label, so it applies to every sequence, and it
 * enters the gradient only: the score the network reports stays the cross-entropy.
 *
 * <p>The configuration; {@link InstancePoolingLayer} computes it (see {@link TimePoolingLayer}).
 * Parameters {@code w [1, n, 1]} and {@code b [1, 1, 1]}, in that order in the network's flat
 * parameters, as saved models hold them.
 * Internal; serialised by DL4J by class name, so its name, package and fields are part of the
 * saved-model format.
 */
public final class InstancePooling extends TimePoolingLayer {

    static final String WEIGHT = "w";
    static final String BIAS = "b";

    private int instanceClass;
    private double sharpness;
    // absent in configurations saved before this field: 0, no regularisation
    private double frameRegularization;

    /** For Jackson. */
    @SuppressWarnings("unused")
    private InstancePooling() {
    }

    InstancePooling(long nIn, int instanceClass, double sharpness) {
        this(nIn, instanceClass, sharpness, 0);
    }

    InstancePooling(long nIn, int instanceClass, double sharpness, double regularization) {
        if (instanceClass != 0 && instanceClass != 1) {
            throw new IllegalArgumentException("instanceClass must be 0 or 1, got " + instanceClass);
        }
        if (!(sharpness > 0) || Double.isInfinite(sharpness)) {
            throw new IllegalArgumentException("sharpness must be > 0 and finite, got " + sharpness);
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be >= 0 and finite, got " + regularization);
        }
        this.nIn = nIn;
        this.instanceClass = instanceClass;
        this.sharpness = sharpness;
        this.frameRegularization = regularization;
        this.weightInit = WeightInit.XAVIER;
    }

    public int getInstanceClass() {
        return instanceClass;
    }

    public void setInstanceClass(int instanceClass) {
        this.instanceClass = instanceClass;
    }

    public double getSharpness() {
        return sharpness;
    }

    public void setSharpness(double sharpness) {
        this.sharpness = sharpness;
    }

    /** The weight lambda of the sparsity and smoothness terms; 0 = none. */
    public double getFrameRegularization() {
        return frameRegularization;
    }

    public void setFrameRegularization(double regularization) {
        this.frameRegularization = regularization;
    }

    @Override
    String what() {
        return "multiple-instance pooling";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = sequences(inputType);
        return InputType.recurrent(2, r.getTimeSeriesLength());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT, 1, nIn, 1);
        params.addBiasParam(BIAS, 1, 1, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray w = params.get(WEIGHT);
            WeightInitUtil.initWeights(nIn, 1, w.shape(), weightInit, null, 'c', w);
            params.get(BIAS).assign(0);
        }
    }

    @Override
    TimePoolingLayerImpl<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new InstancePoolingLayer(conf, networkDataType);
    }
}
