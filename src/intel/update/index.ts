export {
  type FetchedSource,
  type FetchProgress,
  type FetchSourcesOptions,
  fetchSources,
} from './fetch-sources.js';
export {
  defaultGalaxyClusters,
  defaultIntelSources,
  defaultWarninglists,
  type IntelSource,
  isUrlSource,
  type PathSource,
  sourceIdPattern,
  type UrlSource,
} from './intel-sources.js';
export {
  loadSourcesFile,
  mergeSources,
  resolveIntelSources,
  type SourcesFile,
  sourcesFileSchema,
} from './sources-file.js';
