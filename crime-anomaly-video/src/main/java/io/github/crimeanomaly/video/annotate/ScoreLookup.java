package io.github.crimeanomaly.video.annotate;

import io.github.crimeanomaly.detect.FrameScore;
import java.util.List;

/**
 * Walks a report's scores alongside the decoded frames: the score of a frame, or the last score
 * before it when the detector scored a sampled subset. Frames must be asked for in increasing order.
 */
final class ScoreLookup {

    private final List<FrameScore> scores;
    private int pos;

    ScoreLookup(List<FrameScore> scores) {
        this.scores = scores;
    }

    /** The score for {@code frameIndex}, the last earlier one, or null if none is known yet. */
    FrameScore at(long frameIndex) {
        while (pos < scores.size() && scores.get(pos).frameIndex() <= frameIndex) {
            pos++;
        }
        return pos == 0 ? null : scores.get(pos - 1);
    }
}
