import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { releaseChangelog, unreleased } from '../../scripts/release';

const sample = `# Changelog

Intro.

## [Unreleased]

<!-- entries go here -->

### Fixed
- The badge after a redirect.

## [0.1.0] - 2026-12-01

### Added
- Everything.
`;

describe('release: CHANGELOG.md', () => {
  it('moves the Unreleased entries under the new version and leaves Unreleased empty', () => {
    const out = releaseChangelog(sample, '0.1.1', '2027-01-02');
    expect(out).toBe(`# Changelog

Intro.

## [Unreleased]

<!-- entries go here -->

## [0.1.1] - 2027-01-02

### Fixed
- The badge after a redirect.

## [0.1.0] - 2026-12-01

### Added
- Everything.
`);
    expect(unreleased(out)).toBe('');
  });

  it('refuses to release nothing, a version twice, or a changelog without Unreleased', () => {
    const empty = releaseChangelog(sample, '0.1.1', '2027-01-02');
    expect(() => releaseChangelog(empty, '0.1.2', '2027-01-03')).toThrow(/nothing under Unreleased/);
    expect(() => releaseChangelog(sample, '0.1.0', '2027-01-02')).toThrow(/already has 0.1.0/);
    expect(() => releaseChangelog('# Changelog\n', '0.1.1', '2027-01-02')).toThrow(/Unreleased/);
  });

  it("the project's CHANGELOG.md has Unreleased and an entry for package.json's version", () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(() => unreleased(changelog)).not.toThrow();
    expect(changelog).toMatch(new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it('the version lives in package.json only: wxt.config.ts sets none, so WXT takes package.json\'s', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    expect(config).not.toMatch(/\bversion(_name)?\s*:/);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
