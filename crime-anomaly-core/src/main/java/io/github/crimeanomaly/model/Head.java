package io.github.crimeanomaly.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.crimeanomaly.data.LabelEncoder;
import java.util.Objects;

/**
 * The output head of a {@link HybridModel}: what the network predicts for every frame (and,
 * pooled, for every sequence).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Head.Classification.class, name = "classification"),
        @JsonSubTypes.Type(value = Head.Regression.class, name = "regression")})
public sealed interface Head permits Head.Classification, Head.Regression {

    /** Number of network outputs per frame. */
    int outputSize();

    /**
     * Softmax over the classes of a label encoder, trained with cross-entropy.
     *
     * @param labels the classes; code i is output i
     */
    record Classification(@JsonProperty("labels") LabelEncoder labels) implements Head {
        /** Validates. */
        public Classification {
            Objects.requireNonNull(labels, "labels");
            if (labels.numClasses() < 2) {
                throw new IllegalArgumentException("classification needs >= 2 classes, got "
                        + labels.classes());
            }
        }

        @Override
        public int outputSize() {
            return labels.numClasses();
        }
    }

    /**
     * Identity outputs trained with mean squared error: regression of a target vector, or
     * prediction of a future value (e.g. the next frame's features) for normal-only training.
     *
     * @param targetSize length of the target vector, &gt;= 1
     */
    record Regression(@JsonProperty("targetSize") int targetSize) implements Head {
        /** Validates. */
        public Regression {
            if (targetSize < 1) {
                throw new IllegalArgumentException("targetSize must be >= 1, got " + targetSize);
            }
        }

        @Override
        public int outputSize() {
            return targetSize;
        }
    }
}
