// The CSV rules moved down to report/ so that reports (the CSV block list) share them.
export { csvCell, renderCsv } from '../report/csv-cell.js';
