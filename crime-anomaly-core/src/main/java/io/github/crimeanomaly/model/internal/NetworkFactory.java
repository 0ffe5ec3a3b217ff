package io.github.crimeanomaly.model.internal;

import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.CnnBlock;
import io.github.crimeanomaly.model.ModelConfig;
import io.github.crimeanomaly.model.ModelSummary;
import io.github.crimeanomaly.model.SequencePooling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * {@code RnnOutputLayer} (softmax + cross-entropy, or identity + MSE) closes. A hybrid with a
 * skip connection is a graph instead: the output layer sees the per-frame features concatenated
 * with the LSTM output.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /**
     * Whether {@code cfg} needs a graph rather than a layer stack: a skip connection (the head also
     * sees the features) or attention pooling (its output is repeated over the sequence's frames).
     */
    public static boolean needsGraph(ModelConfig cfg) {
        return cfg.skipConnection() || cfg.twoStream() || cfg.sequencePooling() == SequencePooling.ATTENTION
                || cfg.sequencePooling() == SequencePooling.MULTIPLE_INSTANCE;
    }

    /** The DL4J layer-stack configuration for {@code cfg} (any configuration that does not {@link #needsGraph need a graph}). */
    public static MultiLayerConfiguration configuration(ModelConfig cfg) {
        if (needsGraph(cfg)) {
            throw new IllegalArgumentException("a skip connection, two streams or attention pooling need a graph: use graphConfiguration(cfg)");
        }
        NeuralNetConfiguration.ListBuilder b = base(cfg).list();
        List<Layer> layers = new ArrayList<>(frameLayers(cfg));
        layers.addAll(recurrentLayers(cfg));
        layers.add(outputLayer(cfg));
        for (int i = 0; i < layers.size(); i++) {
            b.layer(i, layers.get(i));
        }
        if (frameInputIsSpatial(cfg)) {
            b.inputPreProcessor(0, new RnnToCnnPreProcessor(cfg.height(), cfg.width(), cfg.channels()));
        }
        b.setInputType(InputType.recurrent(cfg.frameSize()));
        return b.build();
    }

    /**
     * The DL4J graph configuration of a model that {@link #needsGraph needs a graph}: the per-frame
     * layers (CNN blocks and dense projection) as in the stack ({@code frame0, frame1, ...}),
     * reshaped back to sequences ({@value #FEATURES}); then the layers over time
     * ({@link #addTimeLayers}).
     */
    public static ComputationGraphConfiguration graphConfiguration(ModelConfig cfg) {
        if (!needsGraph(cfg)) {
            throw new IllegalArgumentException("only a skip connection, two streams or attention pooling need a graph: use configuration(cfg)");
        }
        ComputationGraphConfiguration.GraphBuilder g = base(cfg).graphBuilder().addInputs(INPUT);
        String prev = INPUT;
        List<Layer> frame = frameLayers(cfg);
        for (int i = 0; i < frame.size(); i++) {
            String name = "frame" + i;
            if (i == 0) {
                g.addLayer(name, frame.get(i), frameInputIsSpatial(cfg)
                        ? new RnnToCnnPreProcessor(cfg.height(), cfg.width(), cfg.channels())
                        : new RnnToFeedForwardPreProcessor(), prev);
            } else {
                g.addLayer(name, frame.get(i), prev);
            }
            prev = name;
        }
        if (cfg.twoStream()) {
            List<Layer> stream = streamLayers(cfg);
            g.addLayer(STREAM + 0, stream.get(0), new RnnToCnnPreProcessor(cfg.height(), cfg.width(), cfg.channels()),
                    INPUT);
            g.addLayer(STREAM + 1, stream.get(1), STREAM + 0);
            g.addVertex(FRAME_FEATURES, new MergeVertex(), prev, STREAM + 1);
            prev = FRAME_FEATURES;
        }
        String features = INPUT;
        if (!frame.isEmpty()) {
            g.addVertex(FEATURES, new PreprocessorVertex(new FeedForwardToRnnPreProcessor()), prev);
            features = FEATURES;
        }
        addTimeLayers(g, cfg, features, timeInputSize(cfg));
        g.setOutputs(OUTPUT);
        g.setInputTypes(InputType.recurrent(cfg.frameSize()));
        return g.build();
    }

    /**
     * Adds the layers over time to {@code g}: the LSTM layers ({@code lstm0, lstm1, ...}) on
     * {@code features}; with a skip connection the concatenation ({@value #MERGE}) of the features
     * and the last LSTM output; with attention pooling the attention ({@value #ATTENTION}, one
     * learned query over the frames, its single output repeated at every frame); the output layer
     * ({@value #OUTPUT}).
     *
     * @return the names of the layers with parameters, in order
     */
    private static List<String> addTimeLayers(ComputationGraphConfiguration.GraphBuilder g, ModelConfig cfg,
                                              String features, long featureSize) {
        List<String> names = new ArrayList<>();
        String prev = features;
        long size = featureSize;
        List<Layer> rec = recurrentLayers(cfg);
        for (int i = 0; i < rec.size(); i++) {
            String name = "lstm" + i;
            g.addLayer(name, rec.get(i), prev);
            names.add(name);
            prev = name;
            size = (long) cfg.lstmUnits().get(i) * (cfg.bidirectional() ? 2 : 1);
        }
        if (cfg.skipConnection()) {
            String skip = features;
            long skipSize = featureSize;
            if (cfg.twoStream()) {
                // the skip path carries the CNN features only: the first ones of each frame's features
                skipSize = featureSize(cfg);
                g.addVertex(SKIP_SUBSET, new SubsetVertex(0, Math.toIntExact(skipSize) - 1), features);
                skip = SKIP_SUBSET;
            }
            if (cfg.skipDropout() > 0) {
                // DL4J's dropout argument is the probability of *keeping* an activation
                g.addLayer(SKIP_DROPOUT, new DropoutLayer.Builder(1.0 - cfg.skipDropout()).build(), skip);
                skip = SKIP_DROPOUT;
            }
            g.addVertex(MERGE, new MergeVertex(), skip, prev);
            prev = MERGE;
            size += skipSize;
        }
        if (cfg.sequencePooling() == SequencePooling.ATTENTION) {
            g.addLayer(ATTENTION, new AttentionPooling(size), prev);
            names.add(ATTENTION);
            prev = ATTENTION;
        } else if (cfg.sequencePooling() == SequencePooling.MULTIPLE_INSTANCE) {
            g.addLayer(INSTANCES, new InstancePooling(size, cfg.instanceClass(), cfg.instanceSharpness(),
                    cfg.instanceRegularization()), prev);
            names.add(INSTANCES);
            prev = INSTANCES;
        }
        g.addLayer(OUTPUT, outputLayer(cfg), prev);
        names.add(OUTPUT);
        return names;
    }

    /**
     * A two-stream hybrid's second per-frame path ({@code stream0, stream1}): the frame
     * average-pooled by {@code lstmOnlyPooling}, then a dense projection to {@code denseUnits}
     * (LSTM_ONLY's per-frame layers).
     */
    private static List<Layer> streamLayers(ModelConfig cfg) {
        return List.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                        .kernelSize(cfg.lstmOnlyPooling(), cfg.lstmOnlyPooling())
                        .stride(cfg.lstmOnlyPooling(), cfg.lstmOnlyPooling())
                        .convolutionMode(ConvolutionMode.Truncate)
                        .build(),
                new DenseLayer.Builder().nOut(cfg.denseUnits()).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build());
    }

    /** Values per frame that the layers over time receive: the per-frame features, and a second stream's. */
    private static long timeInputSize(ModelConfig cfg) {
        return featureSize(cfg) + (cfg.twoStream() ? cfg.denseUnits() : 0);
    }

    /** Whether the first per-frame layer works on the frame's pixels as an image. */
    private static boolean frameInputIsSpatial(ModelConfig cfg) {
        return cfg.architecture().usesCnn() || cfg.lstmOnlyPooling() > 1;
    }

    /** Values per frame after the per-frame layers (the frame itself when there are none). */
    private static long featureSize(ModelConfig cfg) {
        List<Layer> frame = frameLayers(cfg);
        if (frame.isEmpty()) {
            return cfg.frameSize();
        }
        InputType in = frameInputType(cfg);
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().list();
        for (int i = 0; i < frame.size(); i++) {
            b.layer(i, frame.get(i));
        }
        b.setInputType(in);
        List<InputType> types = b.build().getLayerActivationTypes(in);
        return types.get(types.size() - 1).arrayElementsPerExample();
    }

    private static InputType frameInputType(ModelConfig cfg) {
        return frameInputIsSpatial(cfg) ? InputType.convolutionalFlat(cfg.height(), cfg.width(), cfg.channels())
                : InputType.feedForward(cfg.frameSize());
    }

    /** Graph vertex names. */
    static final String INPUT = "in";
    static final String FEATURES = "features";
    static final String MERGE = "features+lstm";
    static final String SKIP_DROPOUT = "skipDropout";
    static final String SKIP_SUBSET = "skipFeatures";
    static final String STREAM = "stream";
    static final String FRAME_FEATURES = "frameFeatures";
    static final String OUTPUT = "out";
    static final String ATTENTION = "attention";
    static final String INSTANCES = "instances";

    private static NeuralNetConfiguration.Builder base(ModelConfig cfg) {
        Nd4jRuntime.ensureInitialised();
        return new NeuralNetConfiguration.Builder()
                .seed(cfg.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater(cfg))
                .l2(cfg.l2())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** The layers applied to each frame alone: CNN blocks (or LSTM_ONLY's pooling), then the dense projection. */
    private static List<Layer> frameLayers(ModelConfig cfg) {
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
        return layers;
    }

    private static List<Layer> recurrentLayers(ModelConfig cfg) {
        List<Layer> layers = new ArrayList<>();
        if (cfg.architecture().isRecurrent()) {
            for (int units : cfg.lstmUnits()) {
                LSTM lstm = new LSTM.Builder().nOut(units).activation(Activation.TANH).build();
                layers.add(cfg.bidirectional() ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm);
            }
        }
        return layers;
    }

    private static Layer outputLayer(ModelConfig cfg) {
        if (cfg.sequencePooling() == SequencePooling.MULTIPLE_INSTANCE) {
            // the multiple-instance pooling already gives the two classes' logits: no weights after it
            return new RnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build();
        }
        if (cfg.isClassification()) {
            return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).nOut(cfg.outputSize()).build();
        }
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nOut(cfg.outputSize()).build();
    }

    /** A new, initialised network for {@code cfg}, seeded from its seed: a graph where it {@link #needsGraph needs one}, else a stack. */
    public static Network create(ModelConfig cfg) {
        long expected;
        Network made;
        try {
            if (needsGraph(cfg)) {
                ComputationGraphConfiguration conf = graphConfiguration(cfg);
                expected = checkSize(cfg, parameterCount(conf));
                ComputationGraph net = new ComputationGraph(conf);
                Nd4jRuntime.seed(cfg.seed());
                net.init();
                made = Network.of(net);
            } else {
                MultiLayerConfiguration conf = configuration(cfg);
                expected = checkSize(cfg, parameterCount(conf));
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                Nd4jRuntime.seed(cfg.seed());
                net.init();
                made = Network.of(net);
            }
        } catch (OutOfMemoryError | RuntimeException e) {
            boolean allocation = e instanceof OutOfMemoryError || String.valueOf(e.getMessage()).contains("Allocation failed");
            if (!allocation) {
                throw e;
            }
            // ND4J says "Allocation failed: [std::bad_alloc]" and nothing about the network
            throw new IllegalArgumentException("cannot allocate the network for input " + cfg.frameFormat() + " with "
                    + parameterCount(cfg) + " parameters: " + e.getMessage() + "; use a smaller input or layers", e);
        }
        if (made.numParams() != expected) {
            made.close();
            throw new IllegalStateException("parameterCount gave " + expected + " for " + cfg + ", the network has "
                    + made.numParams() + ": a library bug, please report it");
        }
        return made;
    }

    /** Most parameters a network may have (ND4J keeps them in one flat array). */
    public static final long MAX_PARAMETERS = Integer.MAX_VALUE;

    private static long checkSize(ModelConfig cfg, long params) {
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException("expected a network of at most " + MAX_PARAMETERS + " parameters, got "
                    + params + " for input " + cfg.frameFormat() + ": use a smaller input or layers");
        }
        return params;
    }

    /**
     * The number of parameters the network for {@code cfg} has, from its configuration alone:
     * nothing is allocated, so that a model file whose configuration asks for an absurd network is
     * refused before its memory is asked for.
     */
    public static long parameterCount(ModelConfig cfg) {
        return needsGraph(cfg) ? parameterCount(graphConfiguration(cfg)) : parameterCount(configuration(cfg));
    }

    private static long parameterCount(ComputationGraphConfiguration conf) {
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            n += v.numParams(true);
        }
        return n;
    }

    private static long parameterCount(MultiLayerConfiguration conf) {
        long n = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) {
            n += c.getLayer().initializer().numParams(c);
        }
        return n;
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
    public static ModelSummary summary(ModelConfig cfg, Network net) {
        InputType in = InputType.recurrent(cfg.frameSize());
        List<ModelSummary.LayerSummary> rows = new ArrayList<>();
        long totalFlops = 0;
        if (net.stack() != null) {
            MultiLayerConfiguration conf = net.stack().getLayerWiseConfigurations();
            List<InputType> outs = conf.getLayerActivationTypes(in);
            InputType prev = conf.getInputPreProcess(0) != null ? conf.getInputPreProcess(0).getOutputType(in) : in;
            for (int i = 0; i < outs.size(); i++) {
                ModelSummary.LayerSummary row = row(cfg, i, conf.getConf(i).getLayer(), prev, outs.get(i),
                        net.stack().getLayer(i).numParams());
                rows.add(row);
                totalFlops += row.flops();
                prev = outs.get(i);
            }
            return new ModelSummary(cfg.architecture(), rows, net.numParams(), totalFlops);
        }
        ComputationGraph graph = net.graph();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        java.util.Map<String, InputType> types = conf.getLayerActivationTypes(in);
        int index = 0;
        for (String name : graph.getConfiguration().getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) {
                continue; // the input
            }
            InputType out = types.get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            InputType prev = inputs == null || inputs.isEmpty() ? in : types.getOrDefault(inputs.get(0), in);
            ModelSummary.LayerSummary row;
            if (v instanceof LayerVertex lv) {
                if (lv.getPreProcessor() != null) {
                    prev = lv.getPreProcessor().getOutputType(prev);
                }
                row = row(cfg, index, lv.getLayerConf().getLayer(), prev, out,
                        graph.getLayer(name).numParams());
            } else if (v instanceof MergeVertex) {
                row = new ModelSummary.LayerSummary(index, "Concat (" + String.join(" + ", inputs) + ")", shape(out), 0, 0);
            } else if (v instanceof SubsetVertex) {
                row = new ModelSummary.LayerSummary(index, "Subset (" + inputs.get(0) + ", the CNN features)", shape(out), 0, 0);
            } else {
                row = new ModelSummary.LayerSummary(index, "Reshape to sequence", shape(out), 0, 0);
            }
            rows.add(row);
            totalFlops += row.flops();
            index++;
        }
        return new ModelSummary(cfg.architecture(), rows, net.numParams(), totalFlops);
    }

    private static ModelSummary.LayerSummary row(ModelConfig cfg, int index, Layer l, InputType prev,
                                                 InputType out, long params) {
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
        } else if (l instanceof AttentionPooling) {
            // one query: a dot product per frame, a softmax over the frames, a weighted sum
            flops = 4 * inSize + 3;
            type = "Attention pooling (1 learned query)";
        } else if (l instanceof InstancePooling) {
            // a logit per frame (a dot product), then exp, a mean and a log over the frames
            flops = 2 * inSize + 6;
            type = "Multiple-instance pooling (smooth max)";
        } else if (l instanceof RnnLossLayer) {
            flops = 3 * outSize;
            type = "Output (softmax, no weights)";
        } else if (l instanceof RnnOutputLayer) {
            flops = 2 * inSize * outSize + 3 * outSize;
            type = cfg.isClassification() ? "Output (softmax)" : "Output (identity)";
        } else {
            flops = outSize;
            type = l.getClass().getSimpleName();
        }
        return new ModelSummary.LayerSummary(index, type, shape(out), params, flops);
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

    /**
     * The per-frame layers of {@code net} (built from {@code cfg}) as DL4J runtime layers, in
     * order: the CNN blocks' layers (convolution, batch norm, activation, pooling, dropout; or
     * LSTM_ONLY's pooling) and the dense projection. They are the stack's first layers, or the
     * graph's {@code frame0, frame1, ...} vertices; the same configuration gives the same list in
     * both (see {@link #frameLayers}).
     */
    public static List<org.deeplearning4j.nn.api.Layer> frameLayers(ModelConfig cfg, Network net) {
        int n = frameLayers(cfg).size();
        List<org.deeplearning4j.nn.api.Layer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(net.stack() != null ? net.stack().getLayer(i) : net.graph().getLayer("frame" + i));
        }
        return out;
    }

    /**
     * The output layer of {@code net}: the stack's last layer, or the graph's {@value #OUTPUT}
     * vertex.
     */
    public static org.deeplearning4j.nn.api.Layer outputLayer(Network net) {
        if (net.stack() != null) {
            return net.stack().getLayer(net.stack().getnLayers() - 1);
        }
        return net.graph().getLayer(OUTPUT);
    }

    /**
     * Detached copies of every per-frame layer's parameters, by layer (in {@link #frameLayers}
     * order) and parameter name, taken under the network's lock. The caller closes them.
     */
    public static List<Map<String, INDArray>> copyFrameParams(ModelConfig cfg, Network net) {
        List<Map<String, INDArray>> out = new ArrayList<>();
        synchronized (net) {
            for (org.deeplearning4j.nn.api.Layer l : frameLayers(cfg, net)) {
                Map<String, INDArray> copy = new LinkedHashMap<>();
                l.paramTable().forEach((k, v) -> copy.put(k, v.dup()));
                out.add(copy);
            }
        }
        return out;
    }

    /**
     * Writes {@code params}, as {@link #copyFrameParams} returns them, into the per-frame layers
     * of {@code net} (the caller holds its lock and has checked that the layers match).
     */
    public static void assignFrameParams(ModelConfig cfg, Network net, List<Map<String, INDArray>> params) {
        List<org.deeplearning4j.nn.api.Layer> layers = frameLayers(cfg, net);
        for (int i = 0; i < layers.size(); i++) {
            Map<String, INDArray> dst = layers.get(i).paramTable();
            params.get(i).forEach((k, v) -> dst.get(k).assign(v));
        }
    }

    /**
     * {@code net} cut in two for sliding-window inference: the per-frame layers (run once per
     * frame) and the layers over time (run on a window of the frames' features). Each half is a
     * new network holding copies of {@code net}'s parameters, taken under its lock: the frame half
     * a layer stack, the time half a stack, or a graph (the same layers over time as {@code net}'s)
     * when {@code net} is one. The caller closes both halves.
     */
    public static Split split(ModelConfig cfg, Network net) {
        synchronized (net) {
            List<Layer> frame = frameLayers(cfg);
            List<org.deeplearning4j.nn.api.Layer> trained = frameLayers(cfg, net);
            MultiLayerNetwork frames = null;
            ComputationGraph frameGraph = null;
            long features = cfg.frameSize();
            if (cfg.twoStream()) {
                frameGraph = twoStreamFrameHalf(cfg, net, frame, trained);
                features = timeInputSize(cfg);
            } else if (!frame.isEmpty()) {
                NeuralNetConfiguration.ListBuilder b = base(cfg).list();
                for (int i = 0; i < frame.size(); i++) {
                    b.layer(i, frame.get(i));
                }
                InputType in = frameInputType(cfg);
                b.setInputType(in);
                MultiLayerConfiguration conf = b.build();
                List<InputType> types = conf.getLayerActivationTypes(in);
                features = types.get(types.size() - 1).arrayElementsPerExample();
                frames = new MultiLayerNetwork(conf);
                frames.init();
                copyParams(trained, List.of(frames.getLayers()));
            }
            if (net.graph() != null) {
                ComputationGraphConfiguration.GraphBuilder g = base(cfg).graphBuilder().addInputs(FEATURES);
                List<String> names = addTimeLayers(g, cfg, FEATURES, features);
                g.setOutputs(OUTPUT);
                g.setInputTypes(InputType.recurrent(features));
                ComputationGraph time = new ComputationGraph(g.build());
                time.init();
                List<org.deeplearning4j.nn.api.Layer> from = new ArrayList<>();
                List<org.deeplearning4j.nn.api.Layer> to = new ArrayList<>();
                for (String name : names) {
                    from.add(net.graph().getLayer(name));
                    to.add(time.getLayer(name));
                }
                copyParams(from, to);
                return new Split(frames, frameGraph, Network.of(time), features, fast(frames));
            }
            List<Layer> rest = new ArrayList<>(recurrentLayers(cfg));
            rest.add(outputLayer(cfg));
            NeuralNetConfiguration.ListBuilder b = base(cfg).list();
            for (int i = 0; i < rest.size(); i++) {
                b.layer(i, rest.get(i));
            }
            b.setInputType(InputType.recurrent(features));
            MultiLayerNetwork time = new MultiLayerNetwork(b.build());
            time.init();
            copyParams(List.of(net.stack().getLayers()).subList(frame.size(), net.stack().getnLayers()),
                    List.of(time.getLayers()));
            return new Split(frames, null, Network.of(time), features, fast(frames));
        }
    }

    private static FrameForward fast(MultiLayerNetwork frames) {
        return frames == null ? null : FrameForward.of(frames).orElse(null);
    }

    /**
     * A two-stream hybrid's per-frame half: {@code [n, C*H*W]} to {@code [n, features + denseUnits]},
     * the CNN path and the pooled stream side by side as in the whole graph, with copies of
     * {@code net}'s parameters (the caller holds its lock).
     */
    private static ComputationGraph twoStreamFrameHalf(ModelConfig cfg, Network net, List<Layer> frame,
                                                       List<org.deeplearning4j.nn.api.Layer> trained) {
        ComputationGraphConfiguration.GraphBuilder g = base(cfg).graphBuilder().addInputs(INPUT);
        String prev = INPUT;
        for (int i = 0; i < frame.size(); i++) {
            g.addLayer("frame" + i, frame.get(i), prev);
            prev = "frame" + i;
        }
        List<Layer> stream = streamLayers(cfg);
        g.addLayer(STREAM + 0, stream.get(0), INPUT);
        g.addLayer(STREAM + 1, stream.get(1), STREAM + 0);
        g.addVertex(FRAME_FEATURES, new MergeVertex(), prev, STREAM + 1);
        g.setOutputs(FRAME_FEATURES);
        g.setInputTypes(InputType.convolutionalFlat(cfg.height(), cfg.width(), cfg.channels()));
        ComputationGraph half = new ComputationGraph(g.build());
        half.init();
        List<org.deeplearning4j.nn.api.Layer> from = new ArrayList<>(trained);
        List<org.deeplearning4j.nn.api.Layer> to = new ArrayList<>();
        for (int i = 0; i < frame.size(); i++) {
            to.add(half.getLayer("frame" + i));
        }
        for (int i = 0; i < stream.size(); i++) {
            from.add(net.graph().getLayer(STREAM + i));
            to.add(half.getLayer(STREAM + i));
        }
        copyParams(from, to);
        return half;
    }

    /**
     * Copies each layer's parameters of {@code from} into the layer at the same position of
     * {@code to} (same layer kinds and shapes; checked by parameter names).
     */
    public static void copyParams(List<org.deeplearning4j.nn.api.Layer> from, List<org.deeplearning4j.nn.api.Layer> to) {
        if (from.size() != to.size()) {
            throw new IllegalStateException("expected " + from.size() + " layers to copy into, got " + to.size());
        }
        for (int i = 0; i < to.size(); i++) {
            Map<String, INDArray> dst = to.get(i).paramTable();
            Map<String, INDArray> src = from.get(i).paramTable();
            if (!dst.keySet().equals(src.keySet())) {
                throw new IllegalStateException("layer " + i + " has parameters " + src.keySet() + ", its copy "
                        + dst.keySet());
            }
            src.forEach((k, v) -> dst.get(k).assign(v));
        }
    }

    /**
     * A network cut by {@link #split}.
     *
     * @param frames       the per-frame layers ({@code [n, C*H*W]} to {@code [n, featureSize]} or a
     *                     convolutional output of that many values per frame), or null when there
     *                     are none, or when they are a graph
     * @param frameGraph   a two-stream hybrid's per-frame layers, a graph with the same input and
     *                     output, or null
     * @param time         the layers over time, {@code [batch, featureSize, time]} to {@code [batch, outputs, time]}
     * @param featureSize  values per frame between the halves
     * @param fast         {@code frames} run without DL4J's convolution layer, or null (then
     *                     {@code frames} itself runs)
     */
    public record Split(MultiLayerNetwork frames, ComputationGraph frameGraph, Network time, long featureSize,
                        FrameForward fast) implements AutoCloseable {

        /** Whether there are per-frame layers (else the features are the frames themselves). */
        public boolean hasFrameLayers() {
            return frames != null || frameGraph != null;
        }

        /** The per-frame layers' output for frames {@code [n, C*H*W]}, detached. */
        public INDArray frameOutput(INDArray in) {
            if (fast != null) {
                return fast.output(in);
            }
            return frames != null ? frames.output(in, false) : frameGraph.outputSingle(false, in);
        }

        /** Frees the copies' parameters ({@link Network#release()}: no forced garbage collection). */
        @Override
        public void close() {
            if (frames != null) {
                Network.release(frames);
            }
            if (frameGraph != null) {
                Network.release(frameGraph);
            }
            time.release();
        }
    }

    /** Whether the architecture's per-sequence output is the last frame's (else the mean over frames). */
    public static boolean sequenceOutputIsLastStep(Architecture a) {
        return a.isRecurrent();
    }
}
