import type { Overview } from '../api';
import type { OnLeave } from '../components/Countdown';
import { formatTime } from '../dom';
import { ChartBox, colours, FiguresTable } from './ChartBox';

const HOUR = 3_600_000;

/** Hand-ins per hour, placed by how long before or after the due time they arrived. */
export function HandinsOverTime(o: Overview, timeZone: string, onLeave: OnLeave): HTMLElement {
  const due = new Date(o.dueAt).getTime();
  const points = o.handInsPerHour.map((p) => ({ x: (new Date(p.hour).getTime() - due) / HOUR + 0.5, y: p.count }));
  const xs = points.map((p) => p.x);
  return ChartBox<Array<{ x: number; y: number }>>('Hand-ins per hour around the due time', {
    type: 'bar',
    data: { datasets: [{ label: 'Hand-ins', data: points, backgroundColor: colours.accent, barPercentage: 1 }] },
    options: {
      scales: {
        x: { type: 'linear', min: Math.floor(Math.min(-24, ...xs)) - 1, max: Math.ceil(Math.max(6, ...xs)) + 1,
          title: { display: true, text: 'Hours relative to the due time (0 = due)' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Hand-ins' } },
      },
      plugins: {
        annotation: {
          annotations: {
            due: { type: 'line', xMin: 0, xMax: 0, borderColor: colours.bad, borderWidth: 2,
              label: { display: true, content: 'Due', position: 'start' } },
          },
        },
      },
    },
  }, FiguresTable(['Hour starting', 'Hand-ins'], o.handInsPerHour.map((p) => [formatTime(p.hour, timeZone), p.count])),
  onLeave, 'over-time');
}
