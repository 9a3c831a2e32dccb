/**
 * Returns the value below which `fraction` of the sorted samples fall
 * (nearest-rank method), such as 0.5 for the median or 0.99 for p99.
 *
 * @throws RangeError for no samples or a fraction outside [0, 1].
 */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) {
    throw new RangeError('Cannot take a percentile of no samples.');
  }

  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`Percentile fraction must be between 0 and 1, got ${fraction}.`);
  }

  const sorted = [...samples].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));

  return sorted[rank - 1];
}

/** Returns the median of the samples (the lower middle one for an even count). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** Returns the largest sample, or 0 for none. */
export function maximum(samples: readonly number[]): number {
  return samples.reduce((largest, sample) => Math.max(largest, sample), 0);
}

/** Rounds to `digits` decimal places. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;

  return Math.round(value * scale) / scale;
}
