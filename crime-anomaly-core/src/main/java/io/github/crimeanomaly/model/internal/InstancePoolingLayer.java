package io.github.crimeanomaly.model.internal;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link InstancePooling}'s forward and backward pass, written with plain ND4J operations instead
 * of a SameDiff graph: the same function, without SameDiff's per-layer graph (which printed a line
 * to standard output for every op it differentiated) and its copies of the input.
 *
 * <p>Forward, for input {@code x [batch, n, time]}: {@code d_t = w . x_t + b}, {@code z = r d},
 * {@code D = (max z + log mean_t exp(z_t - max z)) / r}; the output {@code [batch, 2, time]} holds
 * {@code D} at every frame for the instance class and 0 for the other. Backward: with {@code g} the
 * sum over frames of the error at the instance class's row, {@code dD/dd_t = a_t}, the softmax
 * weights {@code exp(z_t) / sum exp(z)}; so {@code dL/dd_t = g a_t}, {@code dL/dw = sum x_t dL/dd_t},
 * {@code dL/db = sum dL/dd_t} and {@code dL/dx_t = w dL/dd_t}. The other row is a constant: its
 * error is dropped.
 */
final class InstancePoolingLayer extends AbstractLayer<InstancePooling> {

    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable;
    private Map<String, INDArray> gradTable;

    InstancePoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The per-frame logits {@code d [batch, 1, time]}. */
    private INDArray frameLogits(INDArray x) {
        InstancePooling c = layerConf();
        if (x.rank() != 3 || x.size(1) != c.getNIn()) {
            throw new IllegalStateException("multiple-instance pooling expected sequences [batch, " + c.getNIn()
                    + ", time], got " + Arrays.toString(x.shape()));
        }
        return x.mul(paramTable.get(InstancePooling.WEIGHT)).sum(true, 1).addi(paramTable.get(InstancePooling.BIAS));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        InstancePooling c = layerConf();
        double r = c.getSharpness();
        INDArray z = frameLogits(input).muli(r);                            // [batch, 1, time]
        INDArray top = z.max(true, 2);                                      // [batch, 1, 1], for stability
        INDArray pooled = Transforms.log(Transforms.exp(z.sub(top), false).mean(true, 2), false)
                .addi(top).divi(r);                                         // [batch, 1, 1]
        long batch = input.size(0);
        long time = input.size(2);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), batch, 2, time);
        out.get(NDArrayIndex.all(), NDArrayIndex.point(c.getInstanceClass()), NDArrayIndex.all())
                .addiColumnVector(pooled.reshape(batch, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        InstancePooling c = layerConf();
        double r = c.getSharpness();
        INDArray w = paramTable.get(InstancePooling.WEIGHT);              // [1, n, 1]
        INDArray z = frameLogits(input).muli(r);
        INDArray weights = Transforms.exp(z.subi(z.max(true, 2)), false); // [batch, 1, time]
        weights.divi(weights.sum(true, 2));                                 // softmax over the frames
        INDArray errorAtPooled = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(c.getInstanceClass(),
                c.getInstanceClass() + 1), NDArrayIndex.all()).sum(true, 2); // [batch, 1, 1]
        INDArray dLogits = weights.muli(errorAtPooled);                     // [batch, 1, time]

        INDArray dW = gradTable.get(InstancePooling.WEIGHT);
        dW.assign(input.mul(dLogits).sum(true, 0, 2));
        INDArray dB = gradTable.get(InstancePooling.BIAS);
        dB.assign(dLogits.sumNumber());
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(InstancePooling.WEIGHT, dW);
        g.gradientForVariable().put(InstancePooling.BIAS, dB);

        INDArray dInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        Nd4j.exec(new MulOp(new INDArray[] {dLogits, w}, new INDArray[] {dInput}));
        return new Pair<>(g, dInput);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no weight noise
    }

    @Override
    public Layer clone() {
        throw new UnsupportedOperationException("multiple-instance pooling layers are not cloned");
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public long numParams() {
        return params == null ? 0 : params.length();
    }

    @Override
    public INDArray getParam(String param) {
        return paramTable.get(param);
    }

    @Override
    public void setParam(String key, INDArray val) {
        INDArray current = paramTable.get(key);
        if (current == null) {
            throw new IllegalArgumentException("multiple-instance pooling has no parameter " + key
                    + "; it has " + paramTable.keySet());
        }
        if (!Arrays.equals(current.shape(), val.shape())) {
            throw new IllegalArgumentException("parameter " + key + " expected shape " + Arrays.toString(current.shape())
                    + ", got " + Arrays.toString(val.shape()));
        }
        current.assign(val);
    }

    @Override
    public void setParams(INDArray params) {
        if (params != null) {
            throw new UnsupportedOperationException("set the parameters through the network's parameter view");
        }
    }

    @Override
    protected void setParams(INDArray params, char order) {
        setParams(params);
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        this.params = params;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradients;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        this.gradients = gradients;
        this.gradTable = layerConf().initializer().getGradientsFromFlattened(conf(), gradients);
    }

    @Override
    public void setParamTable(Map<String, INDArray> paramTable) {
        if (this.paramTable == null) {
            this.paramTable = paramTable;
        } else {
            paramTable.forEach(this::setParam);
        }
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return paramTable;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        return paramTable;
    }
}
