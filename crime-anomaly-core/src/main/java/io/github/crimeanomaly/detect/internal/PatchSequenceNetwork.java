package io.github.crimeanomaly.detect.internal;

import io.github.crimeanomaly.model.internal.Network;
import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hybrid CNN+LSTM of the normal-only detector, built with DL4J directly (to be expressed with
 * the general model builder later). Per time step, a small CNN encodes a {@code channels x P x P}
 * patch (two stride-2 convolutions and a dense layer); an LSTM runs over the steps; a linear
 * output layer predicts, at every step, the next step's frame-difference patch ({@code P x P}).
 *
 * <p>Input {@code [batch, channels*P*P, T]} (CHW per step), output {@code [batch, P*P, T]}.
 * Holds native memory: close it.
 */
public final class PatchSequenceNetwork implements AutoCloseable {

    private final MultiLayerNetwork net;
    private final int patch;
    private final int channels;

    private PatchSequenceNetwork(MultiLayerNetwork net, int patch, int channels) {
        this.net = net;
        this.patch = patch;
        this.channels = channels;
    }

    /**
     * A new network with random weights.
     *
     * @param patch        patch side P (divisible by 4)
     * @param channels     channels per step
     * @param convFilters  filters of the first convolution (the second has twice as many)
     * @param embedding    size of the per-step CNN embedding
     * @param lstmUnits    LSTM units
     * @param learningRate Adam learning rate
     * @param seed         weight-initialisation seed
     */
    public static PatchSequenceNetwork create(int patch, int channels, int convFilters, int embedding, int lstmUnits,
                                              double learningRate, long seed) {
        Nd4jSettings.apply();
        int q = patch / 4;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(0, new ConvolutionLayer.Builder(3, 3).stride(2, 2).nIn(channels).nOut(convFilters)
                        .activation(Activation.RELU).build())
                .layer(1, new ConvolutionLayer.Builder(3, 3).stride(2, 2).nIn(convFilters).nOut(2 * convFilters)
                        .activation(Activation.RELU).build())
                .layer(2, new DenseLayer.Builder().nIn(2 * convFilters * q * q).nOut(embedding)
                        .activation(Activation.RELU).build())
                .layer(3, new LSTM.Builder().nIn(embedding).nOut(lstmUnits).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build())
                .layer(4, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(lstmUnits)
                        .nOut(patch * patch).activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build())
                .inputPreProcessor(0, new RnnToCnnPreProcessor(patch, patch, channels, RNNFormat.NCW))
                .inputPreProcessor(2, new CnnToFeedForwardPreProcessor(q, q, 2 * convFilters))
                .inputPreProcessor(3, new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new PatchSequenceNetwork(net, patch, channels);
    }

    /** One gradient step on a minibatch; returns the loss. */
    public double fit(INDArray input, INDArray labels) {
        net.fit(new DataSet(input, labels));
        return net.score();
    }

    /** The prediction for every step: {@code [batch, P*P, T]}. */
    public INDArray predict(INDArray input) {
        return net.output(input, false);
    }

    /** Patch side. */
    public int patch() {
        return patch;
    }

    /** Channels per step. */
    public int channels() {
        return channels;
    }

    /** Number of parameters. */
    public long parameterCount() {
        return net.numParams();
    }

    /** The DL4J configuration as JSON. */
    public String configurationJson() {
        return net.getLayerWiseConfigurations().toJson();
    }

    /** The parameters in ND4J's binary array format. */
    public byte[] parameterBytes() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            Nd4j.write(net.params(), out);
        }
        return bos.toByteArray();
    }

    /** Rebuilds a network from {@link #configurationJson()} and {@link #parameterBytes()}. */
    public static PatchSequenceNetwork restore(String configJson, byte[] params, int patch, int channels)
            throws IOException {
        Nd4jSettings.apply();
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configJson);
        long expected = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) {
            expected += c.getLayer().initializer().numParams(c);
        }
        // checked before anything is allocated: 4 (or, as doubles, 8) bytes a weight and a header of a few
        // hundred bytes
        if (params.length < 4 * expected || params.length > 8 * expected + 4096) {
            throw new IOException("expected the weights of the stored network configuration, " + expected
                    + " parameters (about " + 4 * expected + " bytes), got an entry of " + params.length + " bytes");
        }
        INDArray p;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            p = Nd4j.read(in);
        } catch (RuntimeException e) { // ND4J's reader trusts the lengths in its header
            throw new IOException("expected the weights in ND4J's binary array format, " + expected
                    + " parameters, got an entry it cannot read: " + e.getMessage(), e);
        }
        if (p.length() > 0 && !Double.isFinite(p.castTo(DataType.DOUBLE).sumNumber().doubleValue())) {
            throw new IOException("the network's weights are not all finite (NaN or infinite), expected finite "
                    + "weights; the detector is unusable (its training diverged, or the file was altered)");
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(p.castTo(DataType.FLOAT).reshape(1, p.length()), true);
        if (net.numParams() != p.length()) {
            throw new IOException("expected " + net.numParams() + " parameters, got " + p.length());
        }
        return new PatchSequenceNetwork(net, patch, channels);
    }

    /**
     * This network cut in two for sliding windows, each half a new network with copies of the
     * parameters: the per-step encoder (the convolutions and the dense layer, {@code [n,
     * channels*P*P]} to {@code [n, embedding]}) and the recurrent part (LSTM and output,
     * {@code [batch, embedding, T]} to {@code [batch, P*P, T]}). The caller closes both.
     */
    public Halves split() {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int encoder = 3; // conv, conv, dense: see create()
        NeuralNetConfiguration.ListBuilder e = base(conf).list();
        for (int i = 0; i < encoder; i++) {
            e.layer(i, conf.getConf(i).getLayer().clone());
        }
        e.inputPreProcessor(0, new FeedForwardToCnnPreProcessor(patch, patch, channels));
        for (int i = 1; i < encoder; i++) {
            if (conf.getInputPreProcess(i) != null) {
                e.inputPreProcessor(i, conf.getInputPreProcess(i).clone());
            }
        }
        MultiLayerNetwork enc = new MultiLayerNetwork(e.build());
        enc.init();
        NeuralNetConfiguration.ListBuilder r = base(conf).list();
        for (int i = encoder; i < net.getnLayers(); i++) {
            r.layer(i - encoder, conf.getConf(i).getLayer().clone());
        }
        MultiLayerNetwork rec = new MultiLayerNetwork(r.build());
        rec.init();
        java.util.List<org.deeplearning4j.nn.api.Layer> layers = java.util.List.of(net.getLayers());
        NetworkFactory.copyParams(layers.subList(0, encoder), java.util.List.of(enc.getLayers()));
        NetworkFactory.copyParams(layers.subList(encoder, layers.size()), java.util.List.of(rec.getLayers()));
        if (!(conf.getConf(encoder - 1).getLayer() instanceof DenseLayer d)) {
            enc.close();
            rec.close();
            throw new IllegalStateException("expected a dense layer " + (encoder - 1) + ", got "
                    + conf.getConf(encoder - 1).getLayer());
        }
        return new Halves(enc, rec, Math.toIntExact(d.getNOut()));
    }

    private static NeuralNetConfiguration.Builder base(MultiLayerConfiguration conf) {
        return new NeuralNetConfiguration.Builder().seed(conf.getConf(0).getSeed()).dataType(DataType.FLOAT);
    }

    /**
     * The two halves of {@link #split()}.
     *
     * @param encoder   per step: {@code [n, channels*P*P]} to {@code [n, embedding]}
     * @param recurrent {@code [batch, embedding, T]} to {@code [batch, P*P, T]}
     * @param embedding values per step between the halves
     */
    public record Halves(MultiLayerNetwork encoder, MultiLayerNetwork recurrent, int embedding)
            implements AutoCloseable {
        /** Frees the copies' parameters, without DL4J's forced garbage collections ({@link Network#release()}). */
        @Override
        public void close() {
            Network.release(encoder);
            Network.release(recurrent);
        }
    }

    @Override
    public void close() {
        net.close();
    }
}
