/** Input of an execution of the airports workflow. */
export interface AirportsExecutionInput {
  /** File token of the airports CSV in the landing file store. */
  readonly airportsFile: string;
  /** Name of the database store that receives the airports table. */
  readonly warehouse: string;
  /** Name of the file store that receives the CSV export. */
  readonly exports: string;
  /** Number of states in the result and the export. */
  readonly top: number;
  /** Whether to gzip the export. */
  readonly compress: boolean;
}

/** One row of the counts the workflow returns. */
export interface StateCount {
  readonly state: string;
  readonly airports: number;
}

/** Output of a successful execution of the airports workflow. */
export interface AirportsExecutionOutput {
  /** Rows loaded into the airports table. */
  readonly rowsLoaded: number;
  /** The states with the most airports, largest count first, ties by state code. */
  readonly states: readonly StateCount[];
  /** File token of the CSV export (`.csv.gz` when compressed). */
  readonly file: string;
}
