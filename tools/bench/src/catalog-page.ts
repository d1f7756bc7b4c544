import { loadCatalog } from '@compute/schedule';
import { buildCatalogDocument } from '@compute/nx/src/executors/catalog/catalog-data';
import { renderCatalogPage } from '@compute/nx/src/executors/catalog/render-page';

/**
 * What compute:catalog does short of writing two files: load and validate the catalog,
 * simulate the week, count and price 30 days of runs, fold the heatmaps, render the page
 * and the JSON. Returns the bytes produced, so nothing is optimised away.
 */
export function catalogPage(workspace: string): number {
  const { catalog } = loadCatalog(workspace, 'schedules');
  const doc = buildCatalogDocument(catalog!, new Date(), { timezone: 'Europe/Berlin' });
  return renderCatalogPage(doc).length + JSON.stringify(doc).length;
}
