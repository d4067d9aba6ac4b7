import { z } from 'zod';
import { settingsGroup } from '../domain/setting-fields.js';

/** The store's slice of the config: where the data directory is. */
export const storeSettings = settingsGroup('The store.', {
  dataDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The data directory, relative to the working directory. Read only from a file given with --config (a data directory's own file cannot move it); --data and MAMORI_DATA override it. Default: ./mamori-data.",
    ),
});
