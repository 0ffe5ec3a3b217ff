package io.github.crimeanomaly.model.internal;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.ModelConfig;
import io.github.crimeanomaly.model.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a {@link ModelConfig} into a DL4J network. Internal.
 *
 * <p>Every architecture takes input of shape {@code [batch, C*H*W, time]} (DL4J's recurrent
 * layout) and gives output {@code [batch, outputs, time]}: one output per frame. The CNN blocks
 * run on every frame ({@code RnnToCnnPreProcessor} folds time into the batch, which DL4J M2.1
 * does not add by itself); the dense projection and the LSTM layers follow; an
 * {@code RnnOutputLayer} (softmax + cross-entropy, or identity + MSE) closes.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** The DL4J configuration for {@code cfg}. */
    public static MultiLayerConfiguration configuration(ModelConfig cfg) {
        Nd4jRuntime.ensureInitialised();
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(cfg.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater(cfg))
                .l2(cfg.l2())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        List<Layer> layers = new ArrayList<>();
        if (cfg.architecture().usesCnn()) {
            for (CnnBlock block : cfg.cnnBlocks()) {
                layers.add(new ConvolutionLayer.Builder(block.kernel(), block.kernel())
                        .stride(block.stride(), block.stride())
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(block.filters())
                        .hasBias(!block.batchNorm())
                        .weightInit(WeightInit.RELU)
                        .activation(block.batchNorm() ? Activation.IDENTITY : Activation.RELU)
                        .build());
                if (block.batchNorm()) {
                    layers.add(new BatchNormalization.Builder().build());
                    layers.add(new ActivationLayer.Builder().activation(Activation.RELU).build());
                }
                if (block.poolSize() > 1) {
                    layers.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(block.poolSize(), block.poolSize())
                            .stride(block.poolSize(), block.poolSize())
                            .convolutionMode(ConvolutionMode.Truncate)
                            .build());
                }
                if (block.dropout() > 0) {
                    layers.add(new DropoutLayer.Builder(1.0 - block.dropout()).build());
                }
            }
        } else if (cfg.lstmOnlyPooling() > 1) {
            layers.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                    .kernelSize(cfg.lstmOnlyPooling(), cfg.lstmOnlyPooling())
                    .stride(cfg.lstmOnlyPooling(), cfg.lstmOnlyPooling())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        }
        if (cfg.denseUnits() > 0) {
            layers.add(new DenseLayer.Builder().nOut(cfg.denseUnits()).activation(Activation.RELU)
                    .weightInit(WeightInit.RELU).build());
        }
        if (cfg.architecture().isRecurrent()) {
            for (int units : cfg.lstmUnits()) {
                LSTM lstm = new LSTM.Builder().nOut(units).activation(Activation.TANH).build();
                layers.add(cfg.bidirectional() ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm);
            }
        }
        if (cfg.isClassification()) {
            layers.add(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).nOut(cfg.outputSize()).build());
        } else {
            layers.add(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .activation(Activation.IDENTITY).nOut(cfg.outputSize()).build());
        }
        for (int i = 0; i < layers.size(); i++) {
            b.layer(i, layers.get(i));
        }
        boolean firstIsSpatial = cfg.architecture().usesCnn() || cfg.lstmOnlyPooling() > 1;
        if (firstIsSpatial) {
            b.inputPreProcessor(0, new RnnToCnnPreProcessor(cfg.height(), cfg.width(), cfg.channels()));
        }
        b.setInputType(InputType.recurrent(cfg.frameSize()));
        return b.build();
    }

    /** A new, initialised network for {@code cfg}, seeded from its seed. */
    public static MultiLayerNetwork create(ModelConfig cfg) {
        MultiLayerConfiguration conf = configuration(cfg);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        Nd4jRuntime.seed(cfg.seed());
        net.init();
        return net;
    }

    private static IUpdater updater(ModelConfig cfg) {
        double lr = cfg.learningRate();
        return switch (cfg.updater()) {
            case ADAM -> new Adam(lr);
            case SGD -> new Sgd(lr);
            case NESTEROVS -> new Nesterovs(lr, 0.9);
            case RMSPROP -> new RmsProp(lr);
        };
    }

    /** Layers, shapes, parameter counts and FLOPs per frame of {@code net}, built from {@code cfg}. */
    public static ModelSummary summary(ModelConfig cfg, MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        InputType in = InputType.recurrent(cfg.frameSize());
        List<InputType> outs = conf.getLayerActivationTypes(in);
        List<ModelSummary.LayerSummary> rows = new ArrayList<>();
        long totalFlops = 0;
        InputType prev = conf.getInputPreProcess(0) != null ? conf.getInputPreProcess(0).getOutputType(in) : in;
        for (int i = 0; i < outs.size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            InputType out = outs.get(i);
            long outSize = size(out);
            long inSize = size(prev);
            long flops;
            String type;
            if (l instanceof ConvolutionLayer c) {
                long k = (long) c.getKernelSize()[0] * c.getKernelSize()[1];
                flops = 2 * k * c.getNIn() * outSize;
                type = "Convolution " + c.getKernelSize()[0] + "x" + c.getKernelSize()[1] + "/" + c.getStride()[0];
            } else if (l instanceof SubsamplingLayer s) {
                long k = (long) s.getKernelSize()[0] * s.getKernelSize()[1];
                flops = k * outSize;
                type = (s.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX ? "MaxPool " : "AvgPool ")
                        + s.getKernelSize()[0] + "x" + s.getKernelSize()[1];
            } else if (l instanceof BatchNormalization) {
                flops = 2 * outSize;
                type = "BatchNorm";
            } else if (l instanceof ActivationLayer) {
                flops = outSize;
                type = "ReLU";
            } else if (l instanceof DropoutLayer) {
                flops = 0;
                type = "Dropout";
            } else if (l instanceof DenseLayer) {
                flops = 2 * inSize * outSize + outSize;
                type = "Dense (ReLU)";
            } else if (l instanceof Bidirectional bi) {
                LSTM lstm = (LSTM) bi.getFwd();
                long h = lstm.getNOut();
                flops = 2 * (8 * (inSize + h) * h + 10 * h);
                type = "Bidirectional LSTM";
            } else if (l instanceof LSTM lstm) {
                long h = lstm.getNOut();
                flops = 8 * (inSize + h) * h + 10 * h;
                type = "LSTM";
            } else if (l instanceof RnnOutputLayer) {
                flops = 2 * inSize * outSize + 3 * outSize;
                type = cfg.isClassification() ? "Output (softmax)" : "Output (identity)";
            } else {
                flops = outSize;
                type = l.getClass().getSimpleName();
            }
            long params = net.getLayer(i).numParams();
            rows.add(new ModelSummary.LayerSummary(i, type, shape(out), params, flops));
            totalFlops += flops;
            prev = out;
        }
        return new ModelSummary(cfg.architecture(), rows, net.numParams(), totalFlops);
    }

    private static long size(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels() * c.getHeight() * c.getWidth();
        }
        if (t instanceof InputType.InputTypeRecurrent r) {
            return r.getSize();
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        return t.arrayElementsPerExample();
    }

    private static String shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
        }
        return Long.toString(size(t));
    }

    /** Whether the architecture's per-sequence output is the last frame's (else the mean over frames). */
    public static boolean sequenceOutputIsLastStep(Architecture a) {
        return a.isRecurrent();
    }
}
