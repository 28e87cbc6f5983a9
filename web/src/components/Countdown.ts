import { h } from '../dom';

/** Registers something to stop when the page is left (timers, polling). */
export type OnLeave = (stop: () => void) => void;

function remaining(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const parts = d > 0 ? `${d} d ${hh} h ${mm} min` : `${hh} h ${String(mm).padStart(2, '0')} min ${String(ss).padStart(2, '0')} s`;
  return ms >= 0 ? `${parts} left` : `${parts} past the due time`;
}

/** A live countdown to a due time, ticking every second. */
export function Countdown(dueIso: string, onLeave: OnLeave): HTMLElement {
  const due = new Date(dueIso).getTime();
  const el = h('span', { class: 'countdown' });
  const tick = () => {
    const ms = due - Date.now();
    el.textContent = remaining(ms);
    el.classList.toggle('late', ms < 0);
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  onLeave(() => window.clearInterval(timer));
  return el;
}
