import { describe, expect, it } from 'vitest';

import { fitLinearTrend } from '../src/metrics/linear-trend';

describe(fitLinearTrend.name, () => {
  it('finds the slope and intercept of points on a line', () => {
    const trend = fitLinearTrend([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })));

    expect(trend.slope).toBeCloseTo(2, 10);
    expect(trend.intercept).toBeCloseTo(5, 10);
    expect(trend.rSquared).toBeCloseTo(1, 10);
  });

  it('finds a zero slope in flat noise', () => {
    const trend = fitLinearTrend([10, 12, 10, 12, 10, 12].map((y, x) => ({ x, y })));

    expect(Math.abs(trend.slope)).toBeLessThan(0.3);
    expect(trend.rSquared).toBeLessThan(0.2);
  });

  it('reports an r-squared of 0 for a constant series', () => {
    expect(fitLinearTrend([{ x: 0, y: 3 }, { x: 1, y: 3 }])).toEqual({ slope: 0, intercept: 3, rSquared: 0 });
  });

  it('rejects fewer than two points or a single x value', () => {
    expect(() => fitLinearTrend([{ x: 0, y: 1 }])).toThrow('A trend needs at least 2 points; got 1.');
    expect(() => fitLinearTrend([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toThrow('two different x values');
  });
});
