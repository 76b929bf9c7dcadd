/** What the render bench (bench/render) mounts: the day view's grid, its model, and the catalogs. Not imported by the app. */
export { InteractiveGrid } from './InteractiveGrid';
export { dayModel } from './model';
export { i18nReady } from '../app/i18n';
