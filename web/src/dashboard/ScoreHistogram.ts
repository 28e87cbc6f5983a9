import type { HistogramBin } from '../api';
import type { OnLeave } from '../components/Countdown';
import { ChartBox, colours, FiguresTable } from './ChartBox';

/** How many students' counted hand-ins scored in each tenth of the maximum. */
export function ScoreHistogram(bins: HistogramBin[], onLeave: OnLeave): HTMLElement {
  const labels = bins.map((b) => `${b.fromPercent}–${b.toPercent} %`);
  return ChartBox('Scores of the hand-ins that count', {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Students', data: bins.map((b) => b.count), backgroundColor: colours.accent }] },
    options: {
      scales: {
        x: { title: { display: true, text: 'Final score (% of the maximum)' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Students' } },
      },
    },
  }, FiguresTable(['Score', 'Students'], bins.map((b, i) => [labels[i], b.count])), onLeave, 'histogram');
}
