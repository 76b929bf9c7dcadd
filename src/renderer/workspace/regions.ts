/**
 * F6 / Shift+F6 move between the big areas of the screen (top bar, nav rail,
 * opened panel, overview), as in most desktop apps. Areas mark themselves with
 * data-region; focus lands on the first control in the area, or the area itself.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function cycleRegion(step: 1 | -1): void {
  const regions = [...document.querySelectorAll<HTMLElement>('[data-region]')];
  if (regions.length === 0) return;
  const current = regions.findIndex((region) => region.contains(document.activeElement));
  const next = regions[(current + step + regions.length) % regions.length];
  if (!next) return;
  const heading = next.querySelector<HTMLElement>('.panel-title');
  const target = heading ?? next.querySelector<HTMLElement>(FOCUSABLE);
  if (target) {
    target.focus();
  } else {
    next.tabIndex = -1;
    next.focus();
  }
}
