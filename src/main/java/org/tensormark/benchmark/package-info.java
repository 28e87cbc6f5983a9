/**
 * What the benchmark commands share ({@code dashboard-benchmark}, {@code spike-benchmark},
 * {@code load-test}): a throw-away platform to run on, the run itself once the platform has
 * started, and the percentiles they print. Depends on nothing of TensorMark.
 */
package org.tensormark.benchmark;
