package io.github.crimeanomaly.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.crimeanomaly.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoders travel inside a larger JSON document (a saved model's manifest) unchanged. */
class EmbeddedJsonTest {

    /** A stand-in for a model manifest holding fitted preprocessing. */
    record Manifest(LabelEncoder labels, OneHotEncoder oneHot, MinMaxScaler minMax, StandardScaler standard,
                    SimpleImputer imputer) {
    }

    @Test
    void encodersRoundTripAsFieldsOfAnotherObject() throws Exception {
        double[][] train = {{1, Double.NaN}, {3, 4}, {2, 8}};
        SimpleImputer imputer = SimpleImputer.fit(train, SimpleImputer.Strategy.MEAN);
        double[][] filled = imputer.transform(train);
        Manifest m = new Manifest(LabelEncoder.fit(List.of("fight", "noFight")),
                OneHotEncoder.fit(List.of("a", "b", "c")), MinMaxScaler.fit(filled), StandardScaler.fit(filled),
                imputer);
        String json = Json.mapper().writeValueAsString(m);
        Manifest back = Json.mapper().readValue(json, Manifest.class);
        assertEquals(m, back);
        JsonNode tree = Json.mapper().valueToTree(m);
        assertEquals(m, Json.mapper().treeToValue(tree, Manifest.class));
        assertArrayEquals(m.standard().transform(filled)[2], back.standard().transform(filled)[2], 0);
        assertEquals(6.0, tree.get("imputer").get("fill").get(1).asDouble());
    }
}
