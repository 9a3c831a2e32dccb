/** A least-squares line through points `(x, y)`. */
export interface LinearTrend {
  /** Change of `y` per unit of `x`. */
  readonly slope: number;
  /** Value of the line at `x = 0`. */
  readonly intercept: number;
  /** Coefficient of determination, 0 to 1: the share of the variance of `y` the line explains; 0 when `y` is constant. */
  readonly rSquared: number;
}

/**
 * Fits a straight line to the points by ordinary least squares.
 *
 * @throws RangeError when there are fewer than two points or every `x` is the same.
 */
export function fitLinearTrend(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): LinearTrend {
  if (points.length < 2) {
    throw new RangeError(`A trend needs at least 2 points; got ${points.length}.`);
  }

  const count = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / count;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / count;

  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
    varianceY += (y - meanY) ** 2;
  }

  if (varianceX === 0) {
    throw new RangeError('A trend needs points at two different x values at least.');
  }

  const slope = covariance / varianceX;
  const rSquared = varianceY === 0 ? 0 : covariance ** 2 / (varianceX * varianceY);

  return { slope, intercept: meanY - slope * meanX, rSquared };
}
