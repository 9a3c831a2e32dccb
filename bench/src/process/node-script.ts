import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { TYPESCRIPT_HOOK } from './child-process-client';

/** Output of a script run by {@link runNodeScript}. */
export interface ScriptOutput {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runNodeScript}. */
export interface NodeScriptOptions {
  /** Path of the compiled script, from the repository root. */
  readonly compiled: string;
  /** Path of its TypeScript source, from the repository root; run when the benchmark runs from its sources. */
  readonly source: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The script is killed after this many milliseconds. */
  readonly timeoutMs: number;
}

/** Returns the repository root: the nearest folder above this module that contains pnpm-workspace.yaml. */
export function repositoryRoot(): string {
  let folder = __dirname;

  while (!existsSync(join(folder, 'pnpm-workspace.yaml'))) {
    const parent = dirname(folder);

    if (parent === folder) {
      throw new Error(`No pnpm-workspace.yaml was found above ${__dirname}; run the benchmark from the repository.`);
    }

    folder = parent;
  }

  return folder;
}

/**
 * Runs a benchmark script of another package in a process of its own: its
 * compiled file when this benchmark runs compiled, else its TypeScript
 * source through the same hook as the other children.
 *
 * @throws Error when the compiled script is missing (run `pnpm run build:bench`), or when it runs longer than `timeoutMs`.
 */
export function runNodeScript(options: NodeScriptOptions): Promise<ScriptOutput> {
  const fromSources = __filename.endsWith('.ts');
  const script = join(repositoryRoot(), fromSources ? options.source : options.compiled);

  if (!existsSync(script)) {
    throw new Error(`Benchmark script ${script} was not found; build it with pnpm run build:bench.`);
  }

  const nodeArgs = [...(fromSources ? ['-r', TYPESCRIPT_HOOK] : []), script, ...(options.args ?? [])];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repositoryRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', NODE_NO_WARNINGS: '1', ...options.env },
  });
  let stdout = '';
  let stderr = '';

  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Benchmark script ${script} ran longer than ${options.timeoutMs} ms and was killed.`));
    }, options.timeoutMs);

    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/**
 * Returns the last JSON object a script printed that has the field `key`:
 * a line that parses alone, or a pretty-printed object from a line `{` to
 * the end. Log lines in JSON without that field are passed over.
 *
 * @throws Error quoting the output's end when none is found.
 */
export function lastJsonObject(output: ScriptOutput, key: string): Record<string, unknown> {
  const lines = output.stdout.split('\n');

  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index].trim();
    const candidate = line === '{' ? lines.slice(index).join('\n') : line;
    const parsed = line.startsWith('{') ? parseObject(candidate) : undefined;

    if (parsed !== undefined && key in parsed) {
      return parsed;
    }
  }

  const tail = `${output.stdout}\n${output.stderr}`.trim().slice(-2_000);
  throw new Error(`The script printed no JSON result with a '${key}' field (exit code ${output.exitCode}). Its output ends with:\n${tail}`);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);

    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
