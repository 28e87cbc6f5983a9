package org.tensormark.notebook;

/**
 * NumPy's legacy {@code np.random.RandomState(seed)}, as far as scikit-learn's splitters use it:
 * the MT19937 generator seeded as {@code init_genrand}, bounded integers by masked rejection
 * ({@code random_interval}) and Fisher-Yates {@code permutation}. A split made here picks the
 * same rows as the handout's {@code random_state}, so the reference trains on the students' split.
 */
final class LegacyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] state = new int[N];
    private int position;

    LegacyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("a NumPy seed lies between 0 and 2**32 - 1, not " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        position = N;
    }

    /** The next 32 random bits, as an unsigned value. */
    long nextUint32() {
        if (position >= N) {
            regenerate();
        }
        int y = state[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** A uniform integer in [0, max], drawn as NumPy's legacy {@code random_interval} draws it. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        for (int shift = 1; shift <= 32; shift <<= 1) {
            mask |= mask >>> shift;
        }
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = nextUint32() & mask;
            } while (value > max);
        } else {
            do {
                value = ((nextUint32() << 32) | nextUint32()) & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }

    /** {@code permutation(n)}: 0 … n-1 in random order. */
    int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values);
        return values;
    }

    /** {@code permutation(values)}: a shuffled copy. */
    int[] permutation(int[] values) {
        int[] copy = values.clone();
        shuffle(copy);
        return copy;
    }

    private void shuffle(int[] values) {
        for (int i = values.length - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        position = 0;
    }
}
