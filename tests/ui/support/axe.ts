/**
 * axe-core in the popup: WCAG 2.0-2.2 A and AA rules over the whole document.
 * The script is evaluated through the DevTools protocol rather than added as a
 * <script> tag, so the page's CSP (script-src 'self') stays as strict as in the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

interface AxeResult {
  violations: {
    id: string;
    impact?: string;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/** Every violation on the page now, one line each ("rule: help @ selector: why"); empty when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
        .axe;
      return (await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as AxeResult;
    },
    AXE_TAGS as unknown as string[],
  );
  return result.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${violation.help} @ ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`,
    ),
  );
}
