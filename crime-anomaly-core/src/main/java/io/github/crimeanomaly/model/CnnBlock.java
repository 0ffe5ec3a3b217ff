package io.github.crimeanomaly.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One convolutional block: a square convolution ("same" padding) followed, optionally, by batch
 * normalisation, then ReLU, then an optional max pooling and an optional dropout.
 *
 * <p>Output size of a block on an {@code h x w} input: {@code ceil(h/stride) / poolSize}
 * (integer division for the pooling).
 *
 * @param filters   number of output channels, &gt;= 1
 * @param kernel    kernel size (square), &gt;= 1
 * @param stride    convolution stride, &gt;= 1
 * @param poolSize  max-pooling window and stride; 1 means no pooling
 * @param batchNorm whether to add batch normalisation after the convolution
 * @param dropout   probability of dropping an activation after the block, in [0, 1); 0 means none
 */
public record CnnBlock(@JsonProperty("filters") int filters,
                       @JsonProperty("kernel") int kernel,
                       @JsonProperty("stride") int stride,
                       @JsonProperty("poolSize") int poolSize,
                       @JsonProperty("batchNorm") boolean batchNorm,
                       @JsonProperty("dropout") double dropout) {

    /** Validates every field. */
    public CnnBlock {
        StringBuilder err = new StringBuilder();
        if (filters < 1) {
            err.append("; filters must be >= 1, got ").append(filters);
        }
        if (kernel < 1) {
            err.append("; kernel must be >= 1, got ").append(kernel);
        }
        if (stride < 1) {
            err.append("; stride must be >= 1, got ").append(stride);
        }
        if (poolSize < 1) {
            err.append("; poolSize must be >= 1, got ").append(poolSize);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            err.append("; dropout must be in [0, 1), got ").append(dropout);
        }
        if (err.length() > 0) {
            throw new IllegalArgumentException("invalid CnnBlock: " + err.substring(2));
        }
    }

    /** A block with stride 1, 2x2 max pooling, batch normalisation and no dropout. */
    public static CnnBlock of(int filters, int kernel) {
        return new CnnBlock(filters, kernel, 1, 2, true, 0);
    }

    /** A copy with another stride. */
    public CnnBlock withStride(int newStride) {
        return new CnnBlock(filters, kernel, newStride, poolSize, batchNorm, dropout);
    }

    /** A copy with another pooling size (1 = none). */
    public CnnBlock withPool(int newPoolSize) {
        return new CnnBlock(filters, kernel, stride, newPoolSize, batchNorm, dropout);
    }

    /** A copy with or without batch normalisation. */
    public CnnBlock withBatchNorm(boolean on) {
        return new CnnBlock(filters, kernel, stride, poolSize, on, dropout);
    }

    /** A copy with another dropout probability. */
    public CnnBlock withDropout(double p) {
        return new CnnBlock(filters, kernel, stride, poolSize, batchNorm, p);
    }

    /** Output height or width of this block for an input of {@code in} pixels. */
    int outputSize(int in) {
        int conv = (in + stride - 1) / stride;
        return conv / poolSize;
    }
}
