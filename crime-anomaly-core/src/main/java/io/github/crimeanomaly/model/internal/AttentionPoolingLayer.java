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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link AttentionPooling}'s forward and backward pass in plain ND4J operations.
 *
 * <p>Forward, for input {@code x [batch, n, time]}: {@code s_t = q . x_t / sqrt(n)},
 * {@code a = softmax_t(s)}, {@code p = sum_t a_t x_t}; the output {@code [batch, n, time]} holds
 * {@code p} at every frame. Backward, with {@code g = sum_t} of the output's error: {@code dL/da_t =
 * g . x_t}, {@code dL/ds_t = a_t (dL/da_t - sum_u a_u dL/da_u)}, {@code dL/dq = sum x_t dL/ds_t /
 * sqrt(n)} and {@code dL/dx_t = a_t g + q dL/ds_t / sqrt(n)}.
 */
final class AttentionPoolingLayer extends TimePoolingLayerImpl<AttentionPooling> {

    AttentionPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The attention weights {@code a [batch, 1, time]}, a softmax over the frames. */
    private INDArray attention(INDArray x) {
        INDArray scores = x.mul(getParam(AttentionPooling.QUERY)).sum(true, 1).divi(Math.sqrt(x.size(1)));
        INDArray e = Transforms.exp(scores.subi(scores.max(true, 2)), false);
        return e.divi(e.sum(true, 2));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = sequences();
        INDArray pooled = x.mul(attention(x)).sum(true, 2);                 // [batch, n, 1]
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        return out.addi(pooled);                                            // at every frame
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = sequences();
        INDArray q = getParam(AttentionPooling.QUERY);                      // [1, n, 1]
        double scale = Math.sqrt(x.size(1));
        INDArray a = attention(x);                                          // [batch, 1, time]
        INDArray g = epsilon.sum(true, 2);                                  // [batch, n, 1]
        INDArray dA = x.mul(g).sum(true, 1);                                // [batch, 1, time]
        INDArray dS = dA.subi(dA.mul(a).sum(true, 2)).muli(a).divi(scale);  // [batch, 1, time], already / sqrt(n)

        INDArray dQ = gradientView(AttentionPooling.QUERY);
        dQ.assign(x.mul(dS).sum(true, 0, 2));
        Gradient grad = new DefaultGradient();
        grad.gradientForVariable().put(AttentionPooling.QUERY, dQ);

        INDArray dInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new MulOp(new INDArray[] {dS, q}, new INDArray[] {dInput}));  // q dL/ds_t / sqrt(n)
        dInput.addi(Nd4j.exec(new MulOp(new INDArray[] {a, g}, new INDArray[] {x.ulike()}))[0]); // + a_t g
        return new Pair<>(grad, dInput);
    }
}
