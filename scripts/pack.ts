/**
 * The built package as a merchant gets it: `npm pack` of the repository (what `files` and
 * `exports` publish), installed with npm into a project of its own. Used by `check:package` and
 * `test:examples`.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Runs a command, failing with its output when it exits non-zero. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}${output ? `:\n${output}` : ''}`);
  }
  return output;
}

/** A packed tarball and what `npm pack` says about it. */
export interface PackedPackage {
  tarball: string;
  /** Bytes of the .tgz file. */
  size: number;
  unpackedSize: number;
  files: string[];
}

/** `npm pack` the repository (which must be built) into `destination`. */
export function packBillfold(destination: string): PackedPackage {
  const output = run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: ROOT });
  // npm prints the JSON after any lifecycle output; it starts at the first `[`.
  const [info] = JSON.parse(output.slice(output.indexOf('['))) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!info) throw new Error('npm pack printed no package');
  return {
    tarball: join(destination, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map((file) => file.path),
  };
}

/**
 * `npm install` in a project folder, preferring npm's cache: the versions it needs are the
 * exact ones the repository itself installed, so a machine that ran `npm ci` needs no network.
 */
export function npmInstall(projectDir: string, args: string[] = []): void {
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...args], { cwd: projectDir });
}

/** Packages (folders with a package.json) and bytes under a project's node_modules. */
export function installFootprint(projectDir: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  const walk = (dir: string, isModulesDir: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const isPackage = isModulesDir && !entry.name.startsWith('@') && !entry.name.startsWith('.');
        if (isPackage) packages++;
        walk(path, entry.name === 'node_modules' || (isModulesDir && entry.name.startsWith('@')));
      } else if (entry.isFile()) {
        bytes += statSync(path).size;
      }
    }
  };
  walk(join(projectDir, 'node_modules'), true);
  return { packages, bytes };
}

/** Megabytes with one decimal, for reports. */
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
