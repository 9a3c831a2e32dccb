/**
 * One reason why a class cannot be constructed from the application container.
 *
 * @public
 */
export interface DependencyProblem {
  /** Class whose constructor cannot be satisfied. */
  readonly className: string;
  /** Zero-based index of the constructor parameter at fault, if one is. */
  readonly parameterIndex: number | undefined;
  /** Printable form of the injection token at fault, if one is. */
  readonly token: string | undefined;
  /** Full explanation: what is missing, the dependency path and how to register it. */
  readonly message: string;
}

/**
 * Thrown while the application container is built, before any poll, when a
 * worker's or provider's constructor cannot be satisfied: an unregistered
 * provider, an interface-typed parameter without `@Inject`, a store that is not
 * defined or could not be built, a circular dependency, or a constructor that
 * throws. Lists every problem found, not only the first.
 *
 * @public
 */
export class DependencyResolutionError extends Error {
  override readonly name: string = 'DependencyResolutionError';

  readonly problems: readonly DependencyProblem[];

  constructor(problems: readonly DependencyProblem[], options?: { cause?: unknown }) {
    super(DependencyResolutionError.describe(problems), options);
    this.problems = problems;
  }

  private static describe(problems: readonly DependencyProblem[]): string {
    if (problems.length === 1) {
      return problems[0].message;
    }

    const lines = problems.map((problem, index) => `${index + 1}. ${problem.message}`);
    return [`${problems.length} dependency problems prevent the application from starting:`, ...lines].join('\n');
  }
}
