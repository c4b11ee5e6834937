import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PROJECT_ROOT } from './chromium';

// axe-core in a real Chromium page: zero violations of WCAG 2.x A/AA and of axe's best practices.

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const THEMES = ['light', 'dark'] as const;

/** One violation per node, as a line a person can act on. */
export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  target: string;
  detail: string;
}

declare const axe: {
  run(
    context: Document,
    options: object,
  ): Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }>;
};

/**
 * Runs axe in `page`. Extension pages forbid inline scripts (MV3 content security policy), so a
 * `<script>` tag with axe's source would be refused: it is evaluated through the driver instead,
 * which the page's policy does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        target: n.target.map(String).join(' > '),
        detail: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }, AXE_TAGS);
}

const readable = (f: AxeProblem) => `${f.rule} (${f.impact}) ${f.help} at ${f.target}: ${f.detail}`;

/** axe in light then dark on the page as it is now; each violation prefixed with where it was. */
export async function inBothThemes(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    // The theme really switched (else "dark" would test light twice).
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    expect(dark, `${where}: prefers-color-scheme ${colorScheme}`).toBe(colorScheme === 'dark');
    found.push(...(await axeViolations(page)).map((f) => `${where} [${colorScheme}] ${readable(f)}`));
  }
  return found;
}
