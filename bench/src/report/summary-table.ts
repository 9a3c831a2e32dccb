import type { ResultRow, ScenarioResult } from './scenario-result';

const HEADERS = ['Scenario', 'Case', 'Subject', 'Metric', 'Value', 'Baseline', 'Ratio', 'Target'] as const;

/** Formats a number with thousands separators and at most two decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }

  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

function cells(scenario: string, row: ResultRow): string[] {
  const baseline = row.baseline === undefined ? '' : `${formatNumber(row.baseline.value)} (${row.baseline.subject})`;
  const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`;
  const target = row.target === undefined ? '' : `${row.target}${row.targetMet === undefined ? '' : row.targetMet ? ' ✓' : ' ✗'}`;

  return [scenario, row.case, row.subject, row.metric, formatNumber(row.value), baseline, ratio, target];
}

/** Renders the results as a Markdown table, readable on a terminal and pasteable into docs. */
export function renderSummaryTable(results: readonly ScenarioResult[]): string {
  const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map((header) => (header === 'Value' || header === 'Ratio' ? '---:' : '---')).join('|')}|`];

  for (const result of results) {
    if (result.skipped !== undefined) {
      lines.push(`| ${result.name} | skipped: ${result.skipped} | | | | | | |`);
      continue;
    }

    for (const row of result.rows) {
      lines.push(`| ${cells(result.name, row).join(' | ')} |`);
    }
  }

  return lines.join('\n');
}

/** Renders every check and note, scenario by scenario. */
export function renderChecksAndNotes(results: readonly ScenarioResult[]): string {
  const lines: string[] = [];

  for (const result of results) {
    lines.push(`${result.title} (${result.name}, ${(result.durationMs / 1000).toFixed(0)} s)`);

    for (const check of result.checks) {
      lines.push(`  ${check.passed ? 'PASS' : 'FAIL'} ${check.description}${check.detail === undefined ? '' : ` (${check.detail})`}`);
    }

    for (const note of result.notes) {
      lines.push(`  - ${note}`);
    }
  }

  return lines.join('\n');
}
