package io.github.crimeanomaly.model;

/**
 * The learning rate per epoch, as a function of the model's base rate. Applied at the start of
 * every epoch.
 */
public sealed interface LearningRateSchedule {

    /** The rate for 0-based {@code epoch}, given the base rate. */
    double rate(double baseRate, int epoch);

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /** Multiply by {@code factor} every {@code everyEpochs} epochs. */
    static LearningRateSchedule step(int everyEpochs, double factor) {
        return new Step(everyEpochs, factor);
    }

    /** Multiply by {@code gamma} every epoch. */
    static LearningRateSchedule exponential(double gamma) {
        return new Exponential(gamma);
    }

    /** Cosine decay from the base rate to {@code minFactor * base} over {@code totalEpochs}. */
    static LearningRateSchedule cosine(int totalEpochs, double minFactor) {
        return new Cosine(totalEpochs, minFactor);
    }

    /** The base rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double baseRate, int epoch) {
            return baseRate;
        }
    }

    /**
     * Step decay.
     *
     * @param everyEpochs epochs between steps, &gt;= 1
     * @param factor      multiplier per step, in (0, 1]
     */
    record Step(int everyEpochs, double factor) implements LearningRateSchedule {
        /** Validates. */
        public Step {
            if (everyEpochs < 1) {
                throw new IllegalArgumentException("everyEpochs must be >= 1, got " + everyEpochs);
            }
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
            }
        }

        @Override
        public double rate(double baseRate, int epoch) {
            return baseRate * Math.pow(factor, epoch / everyEpochs);
        }
    }

    /**
     * Exponential decay.
     *
     * @param gamma multiplier per epoch, in (0, 1]
     */
    record Exponential(double gamma) implements LearningRateSchedule {
        /** Validates. */
        public Exponential {
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
            }
        }

        @Override
        public double rate(double baseRate, int epoch) {
            return baseRate * Math.pow(gamma, epoch);
        }
    }

    /**
     * Cosine decay.
     *
     * @param totalEpochs epochs over which to decay, &gt;= 1
     * @param minFactor   final rate as a fraction of the base, in [0, 1]
     */
    record Cosine(int totalEpochs, double minFactor) implements LearningRateSchedule {
        /** Validates. */
        public Cosine {
            if (totalEpochs < 1) {
                throw new IllegalArgumentException("totalEpochs must be >= 1, got " + totalEpochs);
            }
            if (!(minFactor >= 0 && minFactor <= 1)) {
                throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
            }
        }

        @Override
        public double rate(double baseRate, int epoch) {
            double t = Math.min(epoch, totalEpochs) / (double) totalEpochs;
            double f = minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t));
            return baseRate * f;
        }
    }
}
