import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run release -- patch|minor|major`: from a clean git tree, runs the tests, bumps the version
// (package.json and package-lock.json; the manifests take it from package.json), moves CHANGELOG.md's
// Unreleased entries under the new version, makes the store packages and the sources zip, checks that
// both manifests carry the new version, then commits "Release X.Y.Z" and tags vX.Y.Z (nothing is
// pushed or uploaded). Stops at the first step that fails; before the bump nothing has changed.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHANGELOG = join(ROOT, 'CHANGELOG.md');
export const KINDS = ['patch', 'minor', 'major'] as const;
export type Kind = (typeof KINDS)[number];

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/m;
const NOTHING_UNRELEASED = 'CHANGELOG.md: nothing under Unreleased; say what changed before releasing';

/** The Unreleased entries: what stands between `## [Unreleased]` and the next version heading. */
export function unreleased(changelog: string): string {
  const head = UNRELEASED.exec(changelog);
  if (!head) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
  const rest = changelog.slice(head.index + head[0].length);
  const next = /^## \[/m.exec(rest);
  return (next ? rest.slice(0, next.index) : rest).replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** CHANGELOG.md with the Unreleased entries moved under `## [version] - date`, Unreleased left empty. */
export function releaseChangelog(changelog: string, version: string, date: string): string {
  const entries = unreleased(changelog);
  if (!entries) throw new Error(NOTHING_UNRELEASED);
  if (new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\]`, 'm').test(changelog)) throw new Error(`CHANGELOG.md already has ${version}`);
  const head = UNRELEASED.exec(changelog)!;
  const rest = changelog.slice(head.index + head[0].length);
  const next = /^## \[/m.exec(rest);
  const after = next ? rest.slice(next.index) : '';
  // Comments under Unreleased (the hint for where entries go) stay there.
  const kept = (next ? rest.slice(0, next.index) : rest).match(/<!--[\s\S]*?-->/g)?.join('\n') ?? '';
  const top = kept ? `${head[0]}\n${kept}\n` : head[0];
  return `${changelog.slice(0, head.index)}${top}\n## [${version}] - ${date}\n\n${entries}\n\n${after}`.replace(/\n+$/, '\n');
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
const output = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
const packageVersion = () => (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function main(kind: string | undefined): void {
  if (!KINDS.includes(kind as Kind)) throw new Error(`usage: npm run release -- ${KINDS.join('|')}`);
  const dirty = output('git', ['status', '--porcelain']).trim();
  if (dirty) throw new Error(`the git tree is not clean; commit or stash first:\n${dirty}`);
  // Fails early, before the long test run, if there is nothing to release.
  if (!unreleased(readFileSync(CHANGELOG, 'utf8'))) throw new Error(NOTHING_UNRELEASED);
  run('npm', ['test']);
  run('npm', ['version', kind!, '--no-git-tag-version']);
  const version = packageVersion();
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(CHANGELOG, releaseChangelog(readFileSync(CHANGELOG, 'utf8'), version, date));
  run('npm', ['run', 'zip']);
  for (const dir of ['chrome-mv3', 'firefox-mv3']) {
    const manifest = JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8')) as { version: string };
    if (manifest.version !== version) throw new Error(`.output/${dir}/manifest.json has version ${manifest.version}, package.json ${version}`);
  }
  run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
  run('git', ['commit', '-m', `Release ${version}`]);
  run('git', ['tag', '-a', `v${version}`, '-m', `Onlooker ${version}`]);
  console.log(`\nReleased ${version} (commit and tag v${version}, not pushed). Upload:`);
  for (const b of ['chrome', 'firefox', 'sources']) console.log(`  .output/onlooker-${version}-${b}.zip`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv[2]);
  } catch (err) {
    console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
