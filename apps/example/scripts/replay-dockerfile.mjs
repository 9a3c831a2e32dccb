#!/usr/bin/env node
// Replays apps/example/Dockerfile without a container engine, to check that it
// is complete. Every stage gets a folder under a temporary directory, and the
// build context is a fresh clone of the repository's HEAD. The instructions run
// on this machine with these substitutions:
//   - absolute paths (WORKDIR, COPY destinations, --from sources) are taken
//     inside the stage's folder;
//   - `apt-get` steps are skipped (they install build tools this machine has);
//   - `npm install --global pnpm@X` is checked against the installed pnpm;
//   - the image's `node` user is this machine's `nobody` user.
// Finally the image's CMD runs as that user from the runtime folder, without
// `--serve`, so that the main job runs once and must exit with status 0.
//
// Usage (as root, from the repository root): node apps/example/scripts/replay-dockerfile.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dockerfile = readFileSync(join(repository, 'apps/example/Dockerfile'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'dockerfile-replay-'));
// mkdtemp makes the folder private to root; the image's files are readable by every user.
chmodSync(work, 0o755);
const runtimeUser = 'nobody';

function log(line) {
  process.stdout.write(`[replay] ${line}\n`);
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with status ${result.status}`);
  }
}

/** Joins continuation lines and drops comments and blank lines. */
function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), argument: rest.join(' ') };
    });
}

const context = join(work, 'context');
log(`cloning ${repository} into ${context}`);
execFileSync('git', ['clone', '--quiet', repository, context]);
rmSync(join(context, '.git'), { recursive: true, force: true });

const args = {};
const stages = new Map();
let stage;

for (const { keyword, argument } of instructions(dockerfile)) {
  const expanded = argument.replace(/\$\{(\w+)\}/g, (_match, name) => args[name] ?? stage?.env[name] ?? '');
  log(`${keyword} ${expanded}`);

  switch (keyword) {
    case 'ARG': {
      const [name, value = ''] = expanded.split('=');
      args[name] = value;
      break;
    }
    case 'FROM': {
      const [image, , name] = expanded.split(/\s+/);
      const root = join(work, `stage-${name}`);
      const parent = stages.get(image);
      if (parent !== undefined) {
        cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true });
      } else {
        mkdirSync(root, { recursive: true });
      }
      stage = { root, cwd: parent?.cwd ?? '/', env: { ...(parent?.env ?? {}) }, user: 'root' };
      stages.set(name, stage);
      break;
    }
    case 'WORKDIR':
      stage.cwd = isAbsolute(expanded) ? expanded : join(stage.cwd, expanded);
      mkdirSync(join(stage.root, stage.cwd), { recursive: true });
      break;
    case 'ENV': {
      const [name, value] = expanded.split('=');
      stage.env[name] = value;
      break;
    }
    case 'COPY': {
      const parts = expanded.split(/\s+/);
      const from = parts.find((part) => part.startsWith('--from='))?.slice('--from='.length);
      const paths = parts.filter((part) => !part.startsWith('--'));
      const destination = paths.pop();
      const target = isAbsolute(destination) ? join(stage.root, destination) : join(stage.root, stage.cwd, destination);
      for (const source of paths) {
        const origin = from === undefined ? join(context, source) : join(stages.get(from).root, source);
        // As in Docker, a folder's contents go into the destination, and a file goes into a destination ending with /.
        const intoFolder = destination.endsWith('/') || paths.length > 1;
        const into = statSync(origin).isDirectory() || !intoFolder ? target : join(target, source.split('/').pop());
        mkdirSync(dirname(into), { recursive: true });
        cpSync(origin, into, { recursive: true, verbatimSymlinks: true });
      }
      break;
    }
    case 'RUN': {
      if (/^apt-get\b/.test(expanded)) {
        log('skipped: apt-get installs build tools that this machine has');
        break;
      }
      const pnpmInstall = /^npm install --global pnpm@(\S+)$/.exec(expanded);
      if (pnpmInstall !== null) {
        const installed = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
        if (installed !== pnpmInstall[1]) {
          throw new Error(`The Dockerfile installs pnpm ${pnpmInstall[1]} but this machine has ${installed}`);
        }
        break;
      }
      const command = expanded.replace(/\bnode:node\b/g, `${runtimeUser}:nogroup`);
      run('bash', ['-euo', 'pipefail', '-c', command], { cwd: join(stage.root, stage.cwd), env: { ...process.env, ...stage.env } });
      break;
    }
    case 'USER':
      stage.user = expanded === 'node' ? runtimeUser : expanded;
      break;
    case 'CMD': {
      const command = JSON.parse(expanded).filter((part) => part !== '--serve');
      log(`running the image command without --serve as ${stage.user}: ${command.join(' ')}`);
      run('setpriv', ['--reuid', stage.user, '--regid', 'nogroup', '--clear-groups', ...command], {
        cwd: join(stage.root, stage.cwd),
        env: { PATH: process.env.PATH, HOME: '/tmp', AWS_EC2_METADATA_DISABLED: 'true', ...stage.env },
      });
      break;
    }
    default:
      throw new Error(`The replay does not support the instruction ${keyword}`);
  }
}

log(`the Dockerfile replayed to the end; stages are in ${work}`);
