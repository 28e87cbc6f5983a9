import {
  BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, type DefaultDataPoint, LinearScale, Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { h } from '../dom';
import type { OnLeave } from '../components/Countdown';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, annotationPlugin);

export const colours = { accent: '#2457c5', ok: '#1f7a3d', bad: '#b3261e', warn: '#8a5a00', line: '#d8dde6' };

/**
 * A chart in a box of fixed height (so nothing moves when data arrives), labelled for screen
 * readers, with the same figures as a table one click away.
 */
export function ChartBox<D = DefaultDataPoint<'bar'>>(title: string, config: ChartConfiguration<'bar', D>,
    table: HTMLTableElement,
    onLeave: OnLeave, testId: string): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const box = h('figure', { class: 'chart card', 'data-chart': testId },
    h('figcaption', {}, h('h3', {}, title)),
    h('div', { class: 'chart-area' }, canvas),
    h('details', {}, h('summary', {}, 'Show as a table'), h('div', { class: 'table-wrap' }, table)));
  const chart = new Chart(canvas, {
    ...config,
    options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
  });
  onLeave(() => chart.destroy());
  return box;
}

/** A plain table: one header row, then the rows. */
export function FiguresTable(headers: string[], rows: Array<Array<string | number>>): HTMLTableElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, String(v)))))));
}
