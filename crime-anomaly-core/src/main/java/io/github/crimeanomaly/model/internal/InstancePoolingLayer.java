package io.github.crimeanomaly.model.internal;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
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
 *
 * <p>With {@link InstancePooling#getFrameRegularization() lambda} &gt; 0, {@code dL/dd_t} also gets the
 * gradient of {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)}, {@code p = sigmoid(d)}
 * ({@link #regularizationGradient}).
 */
final class InstancePoolingLayer extends TimePoolingLayerImpl<InstancePooling> {

    InstancePoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The per-frame logits {@code d [batch, 1, time]} of sequences {@code x}. */
    private INDArray frameLogits(INDArray x) {
        return x.mul(getParam(InstancePooling.WEIGHT)).sum(true, 1).addi(getParam(InstancePooling.BIAS));
    }

    /**
     * The gradient with respect to the logits {@code d [batch, 1, time]} of
     * {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)}, {@code p = sigmoid(d)}: per frame
     * {@code lambda (1 + 2 (p_t - p_{t-1}) - 2 (p_{t+1} - p_t)) p_t (1 - p_t)}, a difference term
     * dropped where its neighbour does not exist.
     */
    static INDArray regularizationGradient(INDArray d, double lambda) {
        INDArray p = Transforms.sigmoid(d, true);
        long time = d.size(2);
        INDArray dp = Nd4j.ones(d.dataType(), d.shape());                   // the sparsity term
        if (time > 1) {
            INDArray diff = p.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, time))
                    .sub(p.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, time - 1)))
                    .muli(2);                                               // 2 (p_t - p_{t-1}), t >= 1
            dp.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, time)).addi(diff);
            dp.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, time - 1)).subi(diff);
        }
        return dp.muli(p).muli(p.rsub(1)).muli(lambda);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = sequences();
        InstancePooling c = layerConf();
        double r = c.getSharpness();
        INDArray z = frameLogits(x).muli(r);                                // [batch, 1, time]
        INDArray top = z.max(true, 2);                                      // [batch, 1, 1], for stability
        INDArray pooled = Transforms.log(Transforms.exp(z.sub(top), false).mean(true, 2), false)
                .addi(top).divi(r);                                         // [batch, 1, 1]
        long batch = x.size(0);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, x.dataType(), batch, 2, x.size(2));
        out.get(NDArrayIndex.all(), NDArrayIndex.point(c.getInstanceClass()), NDArrayIndex.all())
                .addiColumnVector(pooled.reshape(batch, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = sequences();
        InstancePooling c = layerConf();
        INDArray w = getParam(InstancePooling.WEIGHT);                      // [1, n, 1]
        INDArray d = frameLogits(x);                                        // [batch, 1, time]
        INDArray z = d.mul(c.getSharpness());
        INDArray weights = Transforms.exp(z.subi(z.max(true, 2)), false);   // [batch, 1, time]
        weights.divi(weights.sum(true, 2));                                 // softmax over the frames
        INDArray errorAtPooled = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(c.getInstanceClass(),
                c.getInstanceClass() + 1), NDArrayIndex.all()).sum(true, 2); // [batch, 1, 1]
        INDArray dLogits = weights.muli(errorAtPooled);                     // [batch, 1, time]
        if (c.getFrameRegularization() > 0) {
            dLogits.addi(regularizationGradient(d, c.getFrameRegularization()));
        }

        INDArray dW = gradientView(InstancePooling.WEIGHT);
        dW.assign(x.mul(dLogits).sum(true, 0, 2));
        INDArray dB = gradientView(InstancePooling.BIAS);
        dB.assign(dLogits.sumNumber());
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(InstancePooling.WEIGHT, dW);
        g.gradientForVariable().put(InstancePooling.BIAS, dB);

        INDArray dInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new MulOp(new INDArray[] {dLogits, w}, new INDArray[] {dInput}));
        return new Pair<>(g, dInput);
    }
}
