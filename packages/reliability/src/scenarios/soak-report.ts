import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** Environment variable: folder the soak reports are written to. */
export const soakReportDirectoryVariable = 'RELIABILITY_SOAK_REPORT_DIR';

/** Folder of the soak reports unless {@link soakReportDirectoryVariable} names another. */
export const defaultSoakReportDirectory = join(__dirname, '..', '..', 'reports');

/** The machine and runtime a soak ran on, recorded with its figures. */
export interface SoakMachine {
  readonly date: string;
  readonly node: string;
  readonly os: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemoryBytes: number;
}

/** Describes this machine and the current time. */
export function describeMachine(): SoakMachine {
  const processors = cpus();

  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    cpuModel: processors[0]?.model ?? 'unknown',
    cpuCount: processors.length,
    totalMemoryBytes: totalmem(),
  };
}

/**
 * Writes `figures` with a description of the machine to `<name>.json` in the
 * report folder, and returns the file's path.
 */
export async function writeSoakReport(name: string, figures: object): Promise<string> {
  const directory = process.env[soakReportDirectoryVariable] ?? defaultSoakReportDirectory;
  const path = join(directory, `${name}.json`);

  await mkdir(directory, { recursive: true });
  await writeFile(path, `${JSON.stringify({ machine: describeMachine(), ...figures }, null, 2)}\n`);

  return path;
}
