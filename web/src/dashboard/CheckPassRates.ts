import type { CheckPassRate } from '../api';
import type { OnLeave } from '../components/Countdown';
import { ChartBox, colours, FiguresTable } from './ChartBox';

const percent = (c: CheckPassRate) => (c.graded === 0 ? 0 : Math.round((c.passed / c.graded) * 1000) / 10);

/** Which check fails most: pass rate per check, worst first — the teaching signal. */
export function CheckPassRates(checks: CheckPassRate[], onLeave: OnLeave): HTMLElement {
  const rates = checks.map(percent);
  return ChartBox('Pass rate per check (worst first)', {
    type: 'bar',
    data: {
      labels: checks.map((c) => c.checkId),
      datasets: [{
        label: 'Passed (%)', data: rates,
        backgroundColor: rates.map((r) => (r < 50 ? colours.bad : r < 80 ? colours.warn : colours.ok)),
      }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, title: { display: true, text: '% of graded hand-ins that passed' } } },
    },
  }, FiguresTable(['Check', 'Kind', 'Visibility', 'Passed', 'Graded', 'Pass rate', 'Mean score'],
    checks.map((c, i) => [c.checkId, c.kind, c.visibility, c.passed, c.graded, `${rates[i]} %`,
      c.meanScorePercent === null ? '—' : `${c.meanScorePercent} %`])), onLeave, 'pass-rates');
}
